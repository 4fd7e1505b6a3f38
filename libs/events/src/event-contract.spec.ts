import { z } from 'zod';

import { defineEvent } from './event-contract';
import { eventEnvelopeSchema } from './event-envelope';

describe('event contracts', () => {
  it('derive the source and the bus subject from the type', () => {
    const sut = defineEvent({ type: 'orders.order.completed', version: 1, data: z.object({}) });
    expect(sut).toMatchObject({
      source: 'orders',
      busSubject: 'salesops.orders.order.completed',
      versioned: false,
    });
  });

  it('say whether the event reports a change of a versioned record', () => {
    const sut = defineEvent({
      type: 'orders.order.shipped',
      version: 1,
      versioned: true,
      data: z.object({}),
    });
    expect(sut.versioned).toBe(true);
  });
});

describe('the envelope', () => {
  const envelope = {
    id: '6f1c2d7e-8a8b-4c9d-9e0f-1a2b3c4d5e6f',
    type: 'orders.order.shipped',
    version: 1,
    source: 'orders',
    time: '2026-11-28T08:30:00.000Z',
    subject: 'o-1',
    actor: null,
    requestId: null,
    data: {},
  };

  it('reads one written before subjectVersion existed as having none', () => {
    expect(eventEnvelopeSchema.parse(envelope).subjectVersion).toBeNull();
  });

  it('keeps the version of the record it is about', () => {
    expect(eventEnvelopeSchema.parse({ ...envelope, subjectVersion: 3 }).subjectVersion).toBe(3);
  });

  it('refuses a version below 1', () => {
    expect(eventEnvelopeSchema.safeParse({ ...envelope, subjectVersion: 0 }).success).toBe(false);
  });
});
