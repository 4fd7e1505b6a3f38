export * from './calendar-config';
export * from './company-calendar';
