export * from './calendar-config';
export * from './company-calendar';
export * from './clock';
