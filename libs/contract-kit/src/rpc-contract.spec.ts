import { z } from 'zod';

import { DEFAULT_RPC_TIMEOUT_MS, defineRpc, pingContractOf } from './rpc-contract';

describe('defineRpc', () => {
  const schemas = { request: z.object({}), reply: z.object({}) };

  it('accepts a versioned subject and gives it the default timeout', () => {
    expect(defineRpc({ subject: 'members.member.get.v1', ...schemas }).timeoutMs).toBe(
      DEFAULT_RPC_TIMEOUT_MS,
    );
  });

  it.each([
    'members.member.get',
    'Members.member.get.v1',
    'members.get.v1',
    'members.member.get.v1.extra',
  ])('refuses the subject %s', (subject) => {
    expect(() => defineRpc({ subject, ...schemas })).toThrow(/must read/);
  });

  it('gives every service a ping with a short timeout', () => {
    expect(pingContractOf('orders')).toMatchObject({
      subject: 'orders.system.ping.v1',
      timeoutMs: 1000,
    });
  });
});
