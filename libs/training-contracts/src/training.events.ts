/** Events the training service publishes (`defineEvent` from `@salesops/events`). */
export const TrainingEvents = {} as const;
