/** Events the customers service publishes (`defineEvent` from `@salesops/events`). */
export const CustomersEvents = {} as const;
