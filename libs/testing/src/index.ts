export * from './free-port';
export * from './nats-server';
export * from './service-process';
export * from './wait-for';
export * from './postgres-server';
export * from './left-servers';
export * from './caller-identity';
export * from './error-of';
