import { headers as natsHeaders, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';

import {
  audienceOf,
  DomainError,
  rpcErrorSchema,
  type RpcContract,
  type RpcReply,
  type RpcRequestInput,
} from '@salesops/contract-kit';

import type { IdentityClaims } from './caller';
import { type Deadline, onwardBudgetMs } from './deadline';
import { ReplyInbox, type ReplyOutcome } from './reply-inbox';
import { RpcHeader } from './rpc-headers';
import { spans } from './span-export';
import { childTraceparent } from './trace-context';
import type { IdentitySigner } from './signed-identity';

export interface CallContext {
  requestId: string;
  /** The W3C `traceparent` of the caller's span: the call continues its trace. */
  traceparent?: string;
  /** Who the call is made for; signed for the callee by the client's signer. */
  identity?: IdentityClaims;
  /** An identity already signed for the callee, forwarded by a service acting for the caller. */
  identityToken?: string;
  /** Overrides the contract's timeout. */
  timeoutMs?: number;
  /**
   * When the caller of the request being handled gives up: every onward call waits no longer than
   * the time left less a margin, and says so in its `x-salesops-time-left-ms` header.
   */
  deadline?: Deadline;
}

export interface RpcCallObserver {
  onCall(
    subject: string,
    outcome: 'ok' | 'error' | 'timeout' | 'unavailable',
    seconds: number,
  ): void;
}

const encoder = new TextEncoder();

/**
 * Calls a service over NATS request/reply in the wire format of NestJS's NATS transport, through
 * the connection's one multiplexed reply inbox. Every call has a deadline; every failure is a
 * DomainError with a stable code.
 */
export class RpcClient {
  private connected = true;
  private inbox?: ReplyInbox;

  constructor(
    private readonly nc: NatsConnection,
    private readonly observer?: RpcCallObserver,
    private readonly signer?: IdentitySigner,
  ) {
    void this.watchConnection();
  }

  /** While the link to NATS is down, calls fail at once instead of waiting for their timeout. */
  private async watchConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.connected = false;
      if (status.type === 'reconnect') this.connected = true;
    }
  }

  async call<C extends RpcContract>(
    contract: C,
    request: RpcRequestInput<C>,
    context: CallContext,
  ): Promise<RpcReply<C>> {
    const traceparent = childTraceparent(context.traceparent);
    if (!spans.enabled) return this.send(contract, request, context, traceparent);
    const startMs = Date.now();
    let failed = false;
    try {
      return await this.send(contract, request, context, traceparent);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      spans.record({
        name: contract.subject,
        kind: 'client',
        traceparent,
        parent: context.traceparent,
        startMs,
        endMs: Date.now(),
        attributes: { 'rpc.system': 'nats', 'rpc.method': contract.subject },
        failed,
      });
    }
  }

  private async send<C extends RpcContract>(
    contract: C,
    request: RpcRequestInput<C>,
    context: CallContext,
    traceparent: string,
  ): Promise<RpcReply<C>> {
    const data: unknown = contract.request.parse(request);
    if (!this.connected) {
      this.observer?.onCall(contract.subject, 'unavailable', 0);
      throw new DomainError('SERVICE_UNAVAILABLE', 'The message bus is unavailable');
    }
    const timeout = onwardBudgetMs(context.timeoutMs ?? contract.timeoutMs, context.deadline);
    const headers = natsHeaders();
    headers.set(RpcHeader.requestId, context.requestId);
    headers.set(RpcHeader.traceparent, traceparent);
    headers.set(RpcHeader.timeLeft, String(timeout));
    if (context.identityToken) {
      headers.set(RpcHeader.identity, context.identityToken);
    } else if (context.identity && this.signer) {
      headers.set(
        RpcHeader.identity,
        this.signer.sign(context.identity, contract.subject, audienceOf(contract)),
      );
    }
    const payload = encoder.encode(
      JSON.stringify({ pattern: contract.subject, data, id: randomUUID() }),
    );
    this.refuseOversized(payload, headers);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let outcome: ReplyOutcome | undefined;
    try {
      this.inbox ??= new ReplyInbox(this.nc);
      outcome = await this.inbox.request(contract.subject, payload, { timeout, headers });
    } catch {
      // Publishing failed: the connection is closed or draining.
    }
    if (outcome?.kind !== 'reply') {
      const failure = toTransportFailure(outcome, contract.subject);
      this.observer?.onCall(
        contract.subject,
        failure.code === 'SERVICE_TIMEOUT' ? 'timeout' : 'unavailable',
        seconds(),
      );
      throw failure;
    }
    const raw: unknown = outcome.msg.json();
    const packet = raw as { err?: unknown; response?: unknown };
    if (packet.err !== undefined && packet.err !== null) {
      this.observer?.onCall(contract.subject, 'error', seconds());
      const shape = rpcErrorSchema.safeParse(packet.err);
      throw shape.success
        ? DomainError.from(shape.data)
        : new DomainError('INTERNAL', `${contract.subject} failed`);
    }
    this.observer?.onCall(contract.subject, 'ok', seconds());
    return contract.reply.parse(packet.response) as RpcReply<C>;
  }

  /**
   * A message larger than the server's max_payload (headers included) is the caller's: 413, not a
   * transport failure the client would report as the bus being away.
   */
  private refuseOversized(payload: Uint8Array, headers: MsgHdrs): void {
    const maxPayload = this.nc.info?.max_payload;
    if (maxPayload === undefined) return;
    let headerBytes = HEADER_FRAMING_BYTES;
    for (const [name, values] of headers) {
      for (const value of values) {
        headerBytes +=
          Buffer.byteLength(name) + Buffer.byteLength(value) + HEADER_LINE_FRAMING_BYTES;
      }
    }
    const size = payload.length + headerBytes;
    if (size > maxPayload) {
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        `The request is larger than the message bus carries (${size} of at most ${maxPayload} bytes)`,
        { bytes: size, maxBytes: maxPayload },
      );
    }
  }
}

/** `NATS/1.0\r\n` before the headers and the blank line after them. */
const HEADER_FRAMING_BYTES = 12;
/** `: ` and `\r\n` of each header line. */
const HEADER_LINE_FRAMING_BYTES = 4;

function toTransportFailure(outcome: ReplyOutcome | undefined, subject: string): DomainError {
  if (outcome?.kind === 'no-responders') {
    return new DomainError(
      'SERVICE_UNAVAILABLE',
      `No instance of ${subject.split('.')[0]} is running`,
    );
  }
  if (outcome?.kind === 'timeout') {
    return new DomainError('SERVICE_TIMEOUT', `${subject.split('.')[0]} did not answer in time`);
  }
  return new DomainError('SERVICE_UNAVAILABLE', 'The message bus is unavailable');
}
