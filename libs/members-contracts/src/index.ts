export * from './member.schemas';
export * from './members.events';
export * from './members.rpc';
export * from './organisation';
export * from './team.schemas';
export * from './member-lifecycle.schemas';
export * from './application.schemas';
export * from './record.schemas';
