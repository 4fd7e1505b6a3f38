import { TEST_CONTACT_KEYS, TEST_JWT_SECRET, TEST_MFA_KEYS } from '@salesops/testing';

import { developmentSecretIn } from './production-secrets';

/** What docker-compose.yml shipped as defaults until secrets were demanded: public for good. */
const FORMER_COMPOSE_DEFAULTS = {
  JWT_SECRET: 'change-me-local-development-only-jwt-secret-0123456789',
  IDENTITY_PUBLIC_KEY: 'MCowBQYDK2VwAyEAhTN01z9v/SeZJrQXHDm/IVlH5miO2Mw26kb5xxwarDY=',
  IDENTITY_PRIVATE_KEY: 'MC4CAQAwBQYDK2VwBCIEIF2qf2IHEggR6gngotckKdPsYufB3ZtB7xFiLiL5w9ht',
  SERVICE_IDENTITY_PUBLIC_KEY: 'MCowBQYDK2VwAyEADTiKaLxwb9BBEhCu5vlgPy03x6XiHSUokImSQAF67Y4=',
  SERVICE_IDENTITY_PRIVATE_KEY: 'MC4CAQAwBQYDK2VwBCIEIKcHD3M8y4WNepm/6iQeLcFulFfMwgQ6/bX4vqZVnRKH',
  MFA_KEYS: 'local1:bVJGB9VDrMPISnJ/KFJ/MyUCuX2tQGe5W5L4vjaLJYQ=',
  CONTACT_KEYS: 'local1:nzdgi60SOnBTB8vydwBqr6cFEhbznMoYrCDa7lZLphg=',
  CONTACT_INDEX_KEY: 'Yf3idUTVjFYlWfGDnIZAUb1PnWezb/Nd8DoQ47NuA3A=',
  MEMBERS_DATABASE_URL: 'postgresql://postgres:salesops-dev@postgres:5432/salesops?schema=members',
};

const own = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64').replace('BwcH', 'q9Zx');

describe('developmentSecretIn', () => {
  it.each(Object.entries(FORMER_COMPOSE_DEFAULTS))(
    'names %s holding the value compose used to default to',
    (name, value) => {
      expect(developmentSecretIn({ [name]: value })).toBe(name);
    },
  );

  it.each([
    [
      'a key ring that holds a development key beside a real one',
      'MFA_KEYS',
      `prod1:${own(32)},local1:bVJGB9VDrMPISnJ/KFJ/MyUCuX2tQGe5W5L4vjaLJYQ=`,
    ],
    ['a key ring made by npm start (keys named dev1)', 'CONTACT_KEYS', `dev1:${own(32)}`],
    ['a placeholder', 'AUDIT_CHAIN_KEY', 'replace-me-with-openssl-rand-base64-32'],
    ["the k8s template's placeholder", 'JWT_SECRET', 'REPLACE_ME'],
    [
      'a placeholder password inside a database URL',
      'ORDERS_DATABASE_URL',
      'postgresql://orders:REPLACE_ME@db:5432/salesops?schema=orders',
    ],
    ['a NATS password left as the placeholder', 'NATS_PASS', 'change-me'],
  ])('names the variable for %s', (_, name, value) => {
    expect(developmentSecretIn({ NODE_ENV: 'production', [name]: value })).toBe(name);
  });

  it.each(Object.entries({ JWT_SECRET: TEST_JWT_SECRET, ...TEST_CONTACT_KEYS, ...TEST_MFA_KEYS }))(
    "names %s holding the tests' value",
    (name, value) => {
      expect(developmentSecretIn({ [name]: value })).toBe(name);
    },
  );

  it('passes secrets of your own', () => {
    expect(
      developmentSecretIn({
        JWT_SECRET: own(48),
        MFA_KEYS: `k2026:${own(32)}`,
        MFA_ACTIVE_KEY: 'k2026',
        MEMBERS_DATABASE_URL: `postgresql://members:${encodeURIComponent(own(24))}@db/salesops`,
        NATS_PASS: own(24),
        NATS_URL: 'nats://nats:4222',
        LOG_LEVEL: 'info',
      }),
    ).toBeUndefined();
  });
});
