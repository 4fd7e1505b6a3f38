import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';

/**
 * Logs what the NATS server refused this process (a publish or subscription its user may not
 * make), which the client reports only on the connection's status: a missing permission shows.
 */
export function logNatsRefusals(nats: NatsConnection, logger: Logger): void {
  void (async () => {
    for await (const status of nats.status()) {
      if (status.type === 'error') logger.error({ err: status.error }, 'NATS refused');
    }
  })();
}
