export * from './training.rpc';
export * from './training.errors';
export * from './training.events';
export * from './course.schemas';
export * from './assessment.schemas';
export * from './session.schemas';
export * from './certificate.schemas';
export * from './record.schemas';
