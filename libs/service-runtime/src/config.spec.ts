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
