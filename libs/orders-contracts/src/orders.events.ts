/** Events the orders service publishes (`defineEvent` from `@salesops/events`). */
export const OrdersEvents = {} as const;
