import { z } from 'zod';

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
  databaseUrl: string;
  httpPort: number;
  logLevel: string;
  dbPoolMax: number;
  shutdownGraceMs: number;
  /** Verifies the identities the gateway signs for this service. */
  identityPublicKey: string;
}

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
    })
    .transform((env): ServiceConfig => {
      // Computed keys widen the inferred object, so each value is read back with its type.
      const values = env as Record<string, string | number>;
      return {
        service,
        natsUrl: String(values.NATS_URL),
        databaseUrl: String(values[`${prefix}_DATABASE_URL`]),
        httpPort: Number(values[`${prefix}_HTTP_PORT`]),
        logLevel: String(values.LOG_LEVEL),
        dbPoolMax: Number(values.DB_POOL_MAX),
        shutdownGraceMs: Number(values.SHUTDOWN_GRACE_MS),
        identityPublicKey: String(values.IDENTITY_PUBLIC_KEY),
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
