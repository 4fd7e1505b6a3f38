import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

import { lookupPinnedTo } from './webhook-target';

export interface WebhookAnswer {
  status: number;
  /** The first `maxResponseBytes` of the answer. */
  response: string;
}

/** A receiver's agent is closed once it has carried no delivery for this long. */
const IDLE_AGENT_MS = 60_000;

/**
 * Kept-alive connections per receiver origin and the addresses it was pinned to (a host that
 * resolves elsewhere later gets an agent of its own, so a kept connection never outlives the check
 * of its address), shared by every subscription to it across passes; up to `maxSockets` each.
 */
export class ReceiverAgents {
  private readonly agents = new Map<string, { agent: HttpAgent; usedAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly maxSockets: number) {
    this.sweeper = setInterval(() => this.closeIdle(), IDLE_AGENT_MS);
    this.sweeper.unref();
  }

  of(url: URL, addresses: readonly string[]): HttpAgent {
    const key = `${url.protocol}//${url.host}|${addresses.join(',')}`;
    let entry = this.agents.get(key);
    if (!entry) {
      const options = { keepAlive: true, maxSockets: this.maxSockets };
      const agent = url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
      entry = { agent, usedAt: 0 };
      this.agents.set(key, entry);
    }
    entry.usedAt = Date.now();
    return entry.agent;
  }

  closeIdle(now = Date.now()): void {
    for (const [key, entry] of this.agents) {
      if (now - entry.usedAt < IDLE_AGENT_MS) continue;
      entry.agent.destroy();
      this.agents.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const { agent } of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
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
