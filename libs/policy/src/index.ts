export * from './accounts';
export * from './authority';
export * from './data-scope';
export * from './field-classes';
export * from './field-policy';
export * from './masks';
export * from './permissions';
export * from './roles';
