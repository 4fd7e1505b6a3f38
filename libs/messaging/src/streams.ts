import { type JetStreamManager, JetStreamApiError, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/** Publishers retry with the same Nats-Msg-Id for up to this long without storing a duplicate. */
const DUPLICATE_WINDOW_MS = 60 * 60 * 1000;

/** Creates a stream, or leaves an existing one as it is. Safe for every instance to call at start. */
export async function ensureStream(
  jsm: JetStreamManager,
  stream: { name: string; subjects: string[] },
): Promise<void> {
  try {
    await jsm.streams.info(stream.name);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
    try {
      await jsm.streams.add({
        name: stream.name,
        subjects: stream.subjects,
        storage: StorageType.File,
        duplicate_window: nanos(DUPLICATE_WINDOW_MS),
      });
    } catch (addError) {
      // Another instance created it between our look and our add.
      if (!(addError instanceof JetStreamApiError) || addError.status !== 400) throw addError;
    }
  }
}
