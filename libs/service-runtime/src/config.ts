import { existsSync } from 'node:fs';
import { z } from 'zod';

import type { NatsAccess } from '@salesops/rpc';

export class ConfigError extends Error {}

/** Parses the environment; a missing or malformed variable is reported in one line naming it. */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}

export const SERVICE_PORTS = {
  gateway: 3000,
  members: 3101,
  customers: 3102,
  orders: 3103,
  training: 3104,
  performance: 3105,
} as const;
export type ServiceName = keyof typeof SERVICE_PORTS;

export const base64Key = (what: string) =>
  z.string({ error: `is required: ${what}` }).regex(/^[A-Za-z0-9+/]+={0,2}$/, `must be ${what}`);

const port = z.coerce.number().int().min(1).max(65535);
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${protocols.join(' or ')} URL`,
  );

export interface ServiceConfig {
  service: ServiceName;
  natsUrl: string;
  /** The server, and the user (or credentials file) and TLS files where given. */
  nats: NatsAccess;
  databaseUrl: string;
  httpPort: number;
  logLevel: string;
  dbPoolMax: number;
  shutdownGraceMs: number;
  /** Verifies the identities the gateway signs for this service. */
  identityPublicKey: string;
  /** This service's key for calls bound to a cached identity (`<SERVICE>_IDENTITY_CALL_KEY`). */
  identityCallKey?: Buffer;
  /** How far a signer's clock may be off when checking an identity's expiry, in seconds. */
  identityClockLeewaySeconds: number;
}

/** A base64 secret of at least 32 bytes. */
export const secretKey = (what: string) =>
  base64Key(what).refine(
    (value) => Buffer.from(value, 'base64').length >= 32,
    `must be ${what} of at least 32 bytes`,
  );

const file = z
  .string()
  .min(1)
  .refine((path) => existsSync(path), 'must name a file that exists');

/**
 * How a process signs in to NATS: a user and password, or a credentials file; and TLS files where
 * the server asks for them. None of them: an open server (one machine, `npm start`).
 */
const natsAccessEnvSchema = z
  .object({
    NATS_USER: z.string().min(1).optional(),
    NATS_PASS: z.string().min(1).optional(),
    NATS_CREDS: file.optional(),
    NATS_TLS_CA: file.optional(),
    NATS_TLS_CERT: file.optional(),
    NATS_TLS_KEY: file.optional(),
  })
  .superRefine((env, context) => {
    const problem = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    if (env.NATS_USER && !env.NATS_PASS) problem('NATS_PASS', 'is required with NATS_USER');
    if (env.NATS_PASS && !env.NATS_USER) problem('NATS_USER', 'is required with NATS_PASS');
    if (env.NATS_CREDS && env.NATS_USER) {
      problem('NATS_CREDS', 'cannot be given with NATS_USER: choose one way to sign in');
    }
    if (Boolean(env.NATS_TLS_CERT) !== Boolean(env.NATS_TLS_KEY)) {
      problem(env.NATS_TLS_CERT ? 'NATS_TLS_KEY' : 'NATS_TLS_CERT', 'is required with the other');
    }
  })
  .transform((env) => {
    const tls = {
      ...(env.NATS_TLS_CA ? { caFile: env.NATS_TLS_CA } : {}),
      ...(env.NATS_TLS_CERT ? { certFile: env.NATS_TLS_CERT, keyFile: env.NATS_TLS_KEY } : {}),
    };
    const natsAccess: Omit<NatsAccess, 'servers'> = {
      ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASS } : {}),
      ...(env.NATS_CREDS ? { credsFile: env.NATS_CREDS } : {}),
      ...(Object.keys(tls).length > 0 ? { tls } : {}),
    };
    return { natsAccess };
  });

/** The variables every process reads, named after the service. */
export function serviceEnvSchema(service: ServiceName) {
  const prefix = service.toUpperCase();
  return z
    .object({
      NATS_URL: url(['nats:', 'tls:']).default('nats://127.0.0.1:4222'),
      // The service's own database role (tools/prisma/roles.mjs), which the local server trusts.
      [`${prefix}_DATABASE_URL`]: url(['postgresql:', 'postgres:']).default(
        `postgresql://salesops_${service}@127.0.0.1:5432/salesops?schema=${service}`,
      ),
      [`${prefix}_HTTP_PORT`]: port.default(SERVICE_PORTS[service]),
      LOG_LEVEL: z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info'),
      DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
      SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10000),
      IDENTITY_PUBLIC_KEY: base64Key('an Ed25519 public key (base64 SPKI DER)'),
      [`${prefix}_IDENTITY_CALL_KEY`]: secretKey('a base64 key').optional(),
      IDENTITY_CLOCK_LEEWAY_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    })
    .and(natsAccessEnvSchema)
    .transform((env): ServiceConfig => {
      // Computed keys widen the inferred object, so each value is read back with its type.
      const values = env as Record<string, string | number>;
      return {
        service,
        natsUrl: String(values.NATS_URL),
        nats: { ...env.natsAccess, servers: String(values.NATS_URL) },
        databaseUrl: String(values[`${prefix}_DATABASE_URL`]),
        httpPort: Number(values[`${prefix}_HTTP_PORT`]),
        logLevel: String(values.LOG_LEVEL),
        dbPoolMax: Number(values.DB_POOL_MAX),
        shutdownGraceMs: Number(values.SHUTDOWN_GRACE_MS),
        identityPublicKey: String(values.IDENTITY_PUBLIC_KEY),
        ...(values[`${prefix}_IDENTITY_CALL_KEY`]
          ? {
              identityCallKey: Buffer.from(String(values[`${prefix}_IDENTITY_CALL_KEY`]), 'base64'),
            }
          : {}),
        identityClockLeewaySeconds: Number(values.IDENTITY_CLOCK_LEEWAY_SECONDS),
      };
    });
}

/**
 * The services' key pair: every NATS service verifies with the public key what a service signed
 * for itself; a service that calls others in the background (`signs`) holds the private key.
 */
export function servicesKeysEnvSchema(signs: boolean) {
  const privateKey = base64Key('an Ed25519 private key (base64 PKCS8 DER)');
  return z
    .object({
      SERVICE_IDENTITY_PUBLIC_KEY: base64Key('an Ed25519 public key (base64 SPKI DER)'),
      SERVICE_IDENTITY_PRIVATE_KEY: signs ? privateKey : privateKey.optional(),
    })
    .transform((env) => ({
      publicKey: env.SERVICE_IDENTITY_PUBLIC_KEY,
      privateKey: signs ? (env.SERVICE_IDENTITY_PRIVATE_KEY ?? null) : null,
    }));
}
