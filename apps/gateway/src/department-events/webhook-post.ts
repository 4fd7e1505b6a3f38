import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

import { lookupPinnedTo } from './webhook-target';

export interface WebhookAnswer {
  status: number;
  /** The first `maxResponseBytes` of the answer. */
  response: string;
}

/**
 * One connection kept open across the POSTs of one run of deliveries to the same URL (all pinned to
 * the same checked addresses); destroy it after the run.
 */
export function keptAliveAgent(url: URL): HttpAgent {
  const options = { keepAlive: true, maxSockets: 1 };
  return url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
}

/**
 * POSTs a delivery to the addresses its host was resolved to and checked (pinTarget), never
 * following a redirect; the Host header and the TLS server name are the URL's. Rejects with a
 * `TimeoutError` when no answer came within `timeoutMs`. Without `agent`, on a connection of its
 * own.
 */
export function postPinned(
  url: URL,
  addresses: readonly string[],
  options: {
    headers: Record<string, string>;
    body: string;
    timeoutMs: number;
    maxResponseBytes: number;
    agent?: HttpAgent;
  },
): Promise<WebhookAnswer> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookAnswer>((resolve, reject) => {
    const outgoing = send(
      url,
      {
        method: 'POST',
        agent: options.agent ?? false,
        lookup: lookupPinnedTo(addresses),
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
      },
      (answer: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let length = 0;
        const done = () =>
          resolve({
            status: answer.statusCode ?? 0,
            response: Buffer.concat(chunks).subarray(0, options.maxResponseBytes).toString('utf8'),
          });
        answer.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          length += chunk.length;
          // Enough of a large answer: the rest is not read.
          if (length >= options.maxResponseBytes) {
            done();
            answer.destroy();
          }
        });
        answer.on('end', done);
        answer.on('error', reject);
      },
    );
    outgoing.on('error', (error: Error) =>
      reject(error.name === 'AbortError' && error.cause instanceof Error ? error.cause : error),
    );
    outgoing.end(options.body);
  });
}
