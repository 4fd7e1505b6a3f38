import { z } from 'zod';

import { deadLetterSubjectOf, defineEvent, streamOf } from './event-envelope';

describe('event contracts', () => {
  it('derive the source and the bus subject from the type', () => {
    const sut = defineEvent({ type: 'orders.order.completed', version: 1, data: z.object({}) });
    expect(sut).toMatchObject({ source: 'orders', busSubject: 'salesops.orders.order.completed' });
  });

  it('put each source in its own stream, and dead letters in theirs', () => {
    expect(streamOf('members')).toEqual({
      name: 'SALESOPS_MEMBERS',
      subjects: ['salesops.members.>'],
    });
    expect(deadLetterSubjectOf('performance-roster')).toBe(
      'salesops.deadletter.performance-roster',
    );
  });
});
