import { isIP } from 'node:net';
import { z } from 'zod';

import { secretKeysEnvSchema } from '@salesops/persistence';
import { base64Key, serviceEnvSchema } from '@salesops/service-runtime';

/** `address/prefix` (or a bare address): the proxies whose X-Forwarded-For is believed. */
function isCidr(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const cidrList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0),
  )
  .refine((entries) => entries.every(isCidr), 'must be a comma-separated list of CIDRs');

export const gatewayEnvSchema = z
  .object({
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    JWT_ISSUER: z.string().default('salesops'),
    JWT_AUDIENCE: z.string().default('salesops-api'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
    /**
     * How long an instance trusts what it read of a session or an API key before reading it again:
     * the fallback when it missed another instance's broadcast that one ended.
     */
    CREDENTIAL_RECHECK_MS: z.coerce.number().int().min(100).default(5000),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
    RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(2400),
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    LOGIN_USERNAME_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    TRUST_PROXY: cidrList,
    USERNAME_HASH_KEY: base64Key('a base64 key of at least 32 bytes').refine(
      (value) => Buffer.from(value, 'base64').length >= 32,
      'must be a base64 key of at least 32 bytes',
    ),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    GATEWAY_OPS_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
    IDENTITY_PRIVATE_KEY: base64Key('an Ed25519 private key (base64 PKCS8 DER)'),
    // Each service's call key is derived from it (deriveCallKey); unset, every call is signed whole.
    IDENTITY_CALL_SECRET: base64Key('at least 32 random bytes, base64')
      .refine(
        (value) => Buffer.from(value, 'base64').length >= 32,
        'must be at least 32 random bytes, base64',
      )
      .optional(),
    AUDIT_CHAIN_KEY: base64Key('at least 32 random bytes, base64').refine(
      (value) => Buffer.from(value, 'base64').length >= 32,
      'must be at least 32 random bytes, base64',
    ),
    /** Webhooks to plain HTTP and private addresses: for tests and receivers on this machine. */
    WEBHOOK_ALLOW_PRIVATE: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    /** How often due webhook deliveries are claimed. */
    WEBHOOK_SWEEP_MS: z.coerce.number().int().min(10).default(250),
    /** How long the event stream can resume from (`Last-Event-ID`). */
    EVENT_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
    /** How long delivered webhook deliveries and the attempt log are kept. */
    WEBHOOK_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** How often an open event stream checks that its caller may still read it. */
    SSE_IDENTITY_RECHECK_MS: z.coerce.number().int().min(100).default(5000),
    SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
    /** A stream client with more than this waiting to be written is disconnected. */
    SSE_CLIENT_BUFFER_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
  })
  .and(serviceEnvSchema('gateway'))
  .and(secretKeysEnvSchema('MFA').transform((mfaCipher) => ({ mfaCipher })))
  .transform((env) => ({
    ...env,
    jwt: {
      secret: env.JWT_SECRET,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    },
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    departments: {
      allowPrivateWebhooks: env.WEBHOOK_ALLOW_PRIVATE,
      sweepMs: env.WEBHOOK_SWEEP_MS,
      retentionDays: env.EVENT_LOG_RETENTION_DAYS,
      webhookLogRetentionDays: env.WEBHOOK_LOG_RETENTION_DAYS,
      identityRecheckMs: env.SSE_IDENTITY_RECHECK_MS,
      heartbeatMs: env.SSE_HEARTBEAT_MS,
      clientBufferBytes: env.SSE_CLIENT_BUFFER_BYTES,
    },
    opsPort: env.GATEWAY_OPS_PORT,
    rateLimits: {
      perPrincipal: env.RATE_LIMIT_PER_MINUTE,
      perIp: env.RATE_LIMIT_IP_PER_MINUTE,
      loginPerIp: env.LOGIN_RATE_LIMIT_PER_MINUTE,
      loginPerUsername: env.LOGIN_USERNAME_RATE_LIMIT_PER_MINUTE,
      windowMs: env.RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
    session: {
      idleMs: env.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
    },
    credentialRecheckMs: env.CREDENTIAL_RECHECK_MS,
    identityPrivateKey: env.IDENTITY_PRIVATE_KEY,
    identityCallSecret: env.IDENTITY_CALL_SECRET
      ? Buffer.from(env.IDENTITY_CALL_SECRET, 'base64')
      : undefined,
    trustProxy: env.TRUST_PROXY,
    usernameHashKey: Buffer.from(env.USERNAME_HASH_KEY, 'base64'),
    auditChainKey: Buffer.from(env.AUDIT_CHAIN_KEY, 'base64'),
  }));
export type GatewayConfig = z.output<typeof gatewayEnvSchema>;

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
