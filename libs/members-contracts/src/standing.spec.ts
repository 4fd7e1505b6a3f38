import { STANDING } from '@salesops/policy';

import { LEVEL_LADDERS, POSITIONS } from './organisation';

// A position or level without a standing could be set by nobody but a process in its own name:
// adding one to the ladders or the positions without placing it in the hierarchy is caught here.
describe('every position and level stands somewhere in the hierarchy', () => {
  it.each([
    ['positions', [...POSITIONS]],
    ['levels', [...LEVEL_LADDERS.management.flat(), ...LEVEL_LADDERS.professional.flat()]],
  ] as const)('%s', (_, names) => {
    expect(names.filter((name) => !(name in STANDING))).toEqual([]);
  });
});
