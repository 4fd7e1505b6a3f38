// Lint fixture (module-boundaries.spec.ts): the events-only entry point is allowed.
import { MembersEvents } from '@salesops/members-contracts/events';

export const probe = MembersEvents;
