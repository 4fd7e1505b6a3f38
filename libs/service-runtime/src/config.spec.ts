import { ConfigError, loadConfig, serviceEnvSchema } from './config';

const key = { IDENTITY_PUBLIC_KEY: 'MCowBQYDK2VwAyEAhTN01z9v/SeZJrQXHDm/IVlH5miO2Mw26kb5xxwarDY=' };

describe('service configuration', () => {
  it('has working defaults for one machine', () => {
    expect(loadConfig(serviceEnvSchema('members'), key)).toMatchObject({
      service: 'members',
      natsUrl: 'nats://127.0.0.1:4222',
      databaseUrl: 'postgresql://salesops_members@127.0.0.1:5432/salesops?schema=members',
      httpPort: 3101,
    });
  });

  it('reads the variables named after the service', () => {
    const config = loadConfig(serviceEnvSchema('orders'), {
      ...key,
      ORDERS_HTTP_PORT: '9000',
      ORDERS_DATABASE_URL: 'postgresql://db/x?schema=orders',
    });
    expect(config).toMatchObject({
      httpPort: 9000,
      databaseUrl: 'postgresql://db/x?schema=orders',
    });
  });

  it.each([
    ['MEMBERS_HTTP_PORT', 'eighty'],
    ['NATS_URL', 'http://localhost:4222'],
    ['MEMBERS_DATABASE_URL', 'mysql://db'],
    ['LOG_LEVEL', 'loud'],
  ])('stops on a malformed %s, naming it in one line', (name, value) => {
    const attempt = () => loadConfig(serviceEnvSchema('members'), { ...key, [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^Invalid configuration: ${name}: [^\\n]+$`));
  });

  it('stops when the identity key is missing, naming it', () => {
    expect(() => loadConfig(serviceEnvSchema('members'), {})).toThrow(
      /^Invalid configuration: IDENTITY_PUBLIC_KEY: is required/,
    );
  });
});

describe('how a process signs in to NATS', () => {
  const natsOf = (env: NodeJS.ProcessEnv) =>
    loadConfig(serviceEnvSchema('members'), { ...key, ...env }).nats;

  it('connects to an open server when given nothing', () => {
    expect(natsOf({})).toEqual({ servers: 'nats://127.0.0.1:4222' });
  });

  it('signs in with a user and password, and TLS files where given', () => {
    expect(
      natsOf({
        NATS_URL: 'tls://nats:4222',
        NATS_USER: 'members',
        NATS_PASS: 'pw',
        NATS_TLS_CA: __filename,
        NATS_TLS_CERT: __filename,
        NATS_TLS_KEY: __filename,
      }),
    ).toEqual({
      servers: 'tls://nats:4222',
      user: 'members',
      pass: 'pw',
      tls: { caFile: __filename, certFile: __filename, keyFile: __filename },
    });
  });

  it('signs in with a credentials file', () => {
    expect(natsOf({ NATS_CREDS: __filename })).toEqual({
      servers: 'nats://127.0.0.1:4222',
      credsFile: __filename,
    });
  });

  it.each([
    [{ NATS_USER: 'members' }, 'NATS_PASS'],
    [{ NATS_PASS: 'pw' }, 'NATS_USER'],
    [{ NATS_USER: 'members', NATS_PASS: 'pw', NATS_CREDS: __filename }, 'NATS_CREDS'],
    [{ NATS_CREDS: '/nowhere/members.creds' }, 'NATS_CREDS'],
    [{ NATS_TLS_CERT: __filename }, 'NATS_TLS_KEY'],
  ])('stops on %j, naming %s', (env, name) => {
    expect(() => natsOf(env)).toThrow(new RegExp(`^Invalid configuration: ${name}: [^\\n]+$`));
  });
});
