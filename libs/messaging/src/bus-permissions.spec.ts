import { z } from 'zod';

import { defineRpc } from '@salesops/rpc';

import { busPermissions, type BusProcess, renderNatsAuthorization } from './bus-permissions';

const contract = (subject: string, extra: { onward?: string[]; background?: string[] } = {}) =>
  defineRpc({
    subject,
    permission: 'members:read',
    request: z.object({}),
    reply: z.object({}),
    ...extra,
  });

const service = (name: string, consumers: BusProcess['consumers'] = []): BusProcess => ({
  name,
  serves: true,
  relays: true,
  callsEveryService: false,
  consumers,
});

const processes: BusProcess[] = [
  { name: 'gateway', serves: false, relays: false, callsEveryService: true, consumers: [] },
  service('members'),
  service('customers'),
  service('training', [{ name: 'training-roster', source: 'members' }]),
];
const contracts = [
  contract('members.member.depart.v1', { onward: ['customers'] }),
  contract('customers.customer.hand-over.v1'),
  contract('training.course.revert.v1', { background: ['customers'] }),
];

describe('busPermissions', () => {
  const sut = busPermissions(processes, contracts);

  it('lets the gateway request every service, and serve nothing', () => {
    expect(sut.get('gateway')).toMatchObject({
      publish: expect.arrayContaining(['members.>', 'customers.>', 'training.>']),
      subscribe: ['salesops.gateway.>', '_INBOX_gateway.>'],
      allowResponses: false,
    });
  });

  it('lets a service request only what its contracts name onward, and the subjects naming it in background', () => {
    const requests = (name: string) =>
      sut
        .get(name)
        ?.publish.filter((subject) => !subject.startsWith('$') && !subject.startsWith('salesops.'));
    expect(requests('members')).toEqual(['customers.>']);
    expect(requests('customers')).toEqual(['training.course.revert.v1']);
    expect(requests('training')).toEqual([]);
  });

  it('lets a service answer its own subjects and publish its own events only', () => {
    expect(sut.get('customers')).toMatchObject({
      subscribe: ['customers.>', 'salesops.customers.>', '_INBOX_customers.>'],
      allowResponses: true,
    });
    expect(
      sut.get('customers')?.publish.filter((subject) => subject.startsWith('salesops.')),
    ).toEqual(['salesops.customers.>']);
  });

  it("gives a consumer its stream's consumer API, acknowledgements and dead letters, and no one else's", () => {
    expect(sut.get('training')?.publish).toEqual(
      expect.arrayContaining([
        '$JS.API.CONSUMER.MSG.NEXT.SALESOPS_MEMBERS.training-roster',
        '$JS.ACK.SALESOPS_MEMBERS.training-roster.>',
        'salesops.deadletter.training-roster',
      ]),
    );
    expect(sut.get('members')?.publish.join(' ')).not.toMatch(/CONSUMER|deadletter/);
  });

  it('renders a user per process whose password comes from the environment', () => {
    const text = renderNatsAuthorization(sut);
    expect(text).toContain('user: training\n      password: $NATS_TRAINING_PASSWORD');
    expect(text.match(/allow_responses: true/g)).toHaveLength(3);
  });
});
