/** Events the performance service publishes (`defineEvent` from `@salesops/events`). */
export const PerformanceEvents = {} as const;
