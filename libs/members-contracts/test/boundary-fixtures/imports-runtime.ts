// Lint fixture (module-boundaries.spec.ts): contracts must not pull the messaging runtime.
import { appendToOutbox } from '@salesops/messaging';

export const probe = appendToOutbox;
