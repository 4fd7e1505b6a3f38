import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

import type { EventContract } from '@salesops/events';
import { FIELD_RULES } from '@salesops/policy';

import { buildAsyncApiDocument } from './asyncapi';
import { EVENT_SOURCES } from './event-catalog';

const LIBS = join(__dirname, '..', '..', '..', '..', 'libs');

const isContract = (value: unknown): value is EventContract =>
  typeof value === 'object' && value !== null && 'busSubject' in value && 'data' in value;

/** Every event contract every contracts library exports from its events entry point. */
function everyContract(): EventContract[] {
  return readdirSync(LIBS)
    .filter((name) => name.endsWith('-contracts'))
    .flatMap((name) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = require(join(LIBS, name, 'src', 'events.ts')) as Record<string, unknown>;
      return Object.values(exported).flatMap((value) =>
        isContract(value)
          ? [value]
          : typeof value === 'object' && value !== null
            ? Object.values(value).filter(isContract)
            : [],
      );
    });
}

describe('the AsyncAPI document', () => {
  const sut = buildAsyncApiDocument() as {
    asyncapi: string;
    channels: Record<string, { address: string; 'x-nats-stream': string }>;
    operations: Record<string, { action: string }>;
    components: {
      messages: Record<string, { payload: { properties: Record<string, unknown> } }>;
    };
  };

  it('is AsyncAPI 3.0', () => {
    expect(sut.asyncapi).toBe('3.0.0');
  });

  it('lists every event contract of every contracts library, with its subject and stream', () => {
    const contracts = everyContract();
    expect(contracts.length).toBeGreaterThan(30);
    const missing = contracts.filter((event) => !sut.channels[event.type]);
    expect(missing.map((event) => event.type)).toEqual([]);
    for (const event of contracts) {
      expect(sut.channels[event.type]).toMatchObject({
        address: `salesops.${event.type}`,
        'x-nats-stream': `SALESOPS_${event.source.toUpperCase()}`,
      });
      expect(sut.operations[`receive.${event.type}`]).toMatchObject({ action: 'receive' });
    }
  });

  it('gives each data field its class, profit as financial', () => {
    const data = sut.components.messages['orders.order.approved']?.payload.properties['data'] as {
      properties: Record<string, { 'x-field-class': string }>;
    };
    expect(data.properties['profit']?.['x-field-class']).toBe('financial');
    expect(data.properties['orderId']?.['x-field-class']).toBe('internal');
  });
});

describe('the field policy of events outside the bus', () => {
  it('classes every data field of every event (an unclassed one reaches no subscriber)', () => {
    const unclassed = EVENT_SOURCES.flatMap(({ events, resource }) =>
      Object.values(events).flatMap((event) => {
        const schema = z.toJSONSchema(event.data, { io: 'output', unrepresentable: 'any' }) as {
          properties?: Record<string, unknown>;
        };
        const rules: Record<string, unknown> = FIELD_RULES[resource];
        return Object.keys(schema.properties ?? {})
          .filter((field) => !(field in rules))
          .map((field) => `${event.type}.${field}`);
      }),
    );
    expect(unclassed).toEqual([]);
  });
});
