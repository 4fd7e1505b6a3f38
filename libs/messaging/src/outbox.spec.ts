import { z } from 'zod';

import { defineEvent } from '@salesops/events';

import { envelopeOf } from './outbox';

const moved = defineEvent({
  type: 'things.thing.moved',
  version: 1,
  versioned: true,
  data: z.object({ to: z.string() }),
});
const noted = defineEvent({ type: 'things.note.added', version: 1, data: z.object({}) });

describe('an envelope', () => {
  it("carries the subject's version for a versioned type", () => {
    expect(envelopeOf(moved, 't-1', { to: 'x' }, 4).subjectVersion).toBe(4);
  });

  it('is refused for a versioned type without a version', () => {
    // @ts-expect-error A versioned type does not compile without its subject's version.
    expect(() => envelopeOf(moved, 't-1', { to: 'x' })).toThrow(/version/);
  });

  it('is refused for a versioned type with a version below 1', () => {
    expect(() => envelopeOf(moved, 't-1', { to: 'x' }, 0)).toThrow(/version/);
  });

  it('has no version for a type that is not versioned', () => {
    expect(envelopeOf(noted, 'n-1', {}).subjectVersion).toBeNull();
  });
});
