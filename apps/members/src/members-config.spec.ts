import { randomBytes } from 'node:crypto';

import { ConfigError, loadConfig } from '@salesops/service-runtime';

import { membersEnvSchema } from './members-config';

const keys = {
  CONTACT_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  CONTACT_ACTIVE_KEY: 'k1',
  CONTACT_INDEX_KEY: randomBytes(32).toString('base64'),
};
const sweepOf = (env: Record<string, string>) =>
  loadConfig(membersEnvSchema, { ...keys, ...env }).sweepIntervalMs;

describe('members configuration', () => {
  it('sweeps due transitions every 5 s by default', () => {
    expect(sweepOf({})).toBe(5000);
  });

  it('reads DUE_SWEEP_MS', () => {
    expect(sweepOf({ DUE_SWEEP_MS: '300' })).toBe(300);
  });

  it('still reads PROMOTION_SWEEP_MS, its former name, unless DUE_SWEEP_MS is set', () => {
    expect(sweepOf({ PROMOTION_SWEEP_MS: '700' })).toBe(700);
    expect(sweepOf({ PROMOTION_SWEEP_MS: '700', DUE_SWEEP_MS: '300' })).toBe(300);
  });

  it('stops on a sweep too frequent to be meant, naming the variable', () => {
    expect(() => sweepOf({ DUE_SWEEP_MS: '5' })).toThrow(ConfigError);
    expect(() => sweepOf({ DUE_SWEEP_MS: '5' })).toThrow(/DUE_SWEEP_MS/);
  });
});
