import {
  type JetStreamManager,
  JetStreamApiError,
  type StreamConfig,
  StorageType,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { z } from 'zod';

/** Publishers retry with the same Nats-Msg-Id for up to this long without storing a duplicate. */
const DUPLICATE_WINDOW_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StreamSettings {
  /** Copies of each stream in a JetStream cluster (R3 in production, 1 on one server). */
  replicas: number;
  /** Events are kept this long, so a projection can be rebuilt from them (a year and a month). */
  maxAgeDays: number;
  /** And at most this many bytes per stream (-1: no limit but the age). */
  maxBytes: number;
}

const streamSettingsEnvSchema = z
  .object({
    NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    NATS_STREAM_MAX_AGE_DAYS: z.coerce.number().int().min(1).default(400),
    // JetStream reserves a stream's max_bytes on the server's disk when the stream is made.
    NATS_STREAM_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(-1)
      .default(1024 ** 3),
  })
  .transform(
    (env): StreamSettings => ({
      replicas: env.NATS_STREAM_REPLICAS,
      maxAgeDays: env.NATS_STREAM_MAX_AGE_DAYS,
      maxBytes: env.NATS_STREAM_MAX_BYTES,
    }),
  );

/** `NATS_STREAM_REPLICAS` (1), `NATS_STREAM_MAX_AGE_DAYS` (400), `NATS_STREAM_MAX_BYTES` (1 GiB). */
export function streamSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StreamSettings {
  const parsed = streamSettingsEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

function configOf(
  stream: { name: string; subjects: string[] },
  settings: StreamSettings,
): Partial<StreamConfig> & { name: string } {
  return {
    name: stream.name,
    subjects: stream.subjects,
    storage: StorageType.File,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: settings.replicas,
    max_age: nanos(settings.maxAgeDays * DAY_MS),
    max_bytes: settings.maxBytes,
  };
}

/**
 * Creates a stream with the configured settings; its owner (`reconcile`) also brings an existing
 * one to them (replicas and limits). Safe for every instance to call at start.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  stream: { name: string; subjects: string[] },
  {
    settings = streamSettingsFromEnv(),
    reconcile = true,
  }: { settings?: StreamSettings; reconcile?: boolean } = {},
): Promise<void> {
  const wanted = configOf(stream, settings);
  try {
    const { config } = await jsm.streams.info(stream.name);
    if (
      reconcile &&
      (config.num_replicas !== wanted.num_replicas ||
        config.max_age !== wanted.max_age ||
        config.max_bytes !== wanted.max_bytes)
    ) {
      await jsm.streams.update(stream.name, {
        num_replicas: wanted.num_replicas,
        max_age: wanted.max_age,
        max_bytes: wanted.max_bytes,
      });
    }
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
    try {
      await jsm.streams.add(wanted);
    } catch (addError) {
      // Another instance created it between our look and our add.
      if (!(addError instanceof JetStreamApiError) || addError.status !== 400) throw addError;
    }
  }
}
