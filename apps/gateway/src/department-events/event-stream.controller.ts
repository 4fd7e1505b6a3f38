import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

import { DomainError } from '@salesops/rpc';

import type { AuthenticatedRequest } from '../auth/access.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { ApiRoute, ValidQuery } from '../http/api-route.decorator';
import { DepartmentEventsRepository } from './department-events.repository';
import { EventStreamClient } from './event-stream.client';
import { EventStreamHub } from './event-stream.hub';
import { credentialOf, StreamAccess } from './stream-access';
import { isKnownType } from './webhooks.service';

const PAGE = 500;

const streamQuerySchema = z
  .object({
    /** Comma-separated event types or patterns: `performance.*`, `orders.order.completed`. */
    types: z.string().min(1).max(1000),
    /** The same as the `Last-Event-ID` header, for clients that cannot set headers. */
    lastEventId: z
      .string()
      .regex(/^\d{1,19}$/)
      .optional(),
  })
  .strict();

@Controller('events')
export class EventStreamController {
  constructor(
    @Inject(EventStreamHub) private readonly hub: EventStreamHub,
    @Inject(DepartmentEventsRepository) private readonly log: DepartmentEventsRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(StreamAccess) private readonly access: StreamAccess,
  ) {}

  @Get('stream')
  @ApiRoute({
    summary:
      'Server-sent events: the envelopes of the types asked for, in scope and filtered by the field policy; Last-Event-ID resumes after a reconnect',
    tag: 'events',
    permission: 'events:subscribe',
    query: streamQuerySchema,
  })
  async stream(
    @ValidQuery() query: z.output<typeof streamQuerySchema>,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const types = query.types
      .split(',')
      .map((type) => type.trim())
      .filter((type) => type.length > 0);
    const unknown = types.filter((type) => !isKnownType(type));
    if (types.length === 0 || unknown.length > 0) {
      throw new DomainError('EVENT_TYPES_UNKNOWN', undefined, { types: unknown }, [
        { path: 'types', message: `not in the event catalog: ${unknown.join(', ')}` },
      ]);
    }
    const header = request.headers['last-event-id'];
    const resumeFrom =
      typeof header === 'string' && /^\d{1,19}$/.test(header) ? header : query.lastEventId;

    const { heartbeatMs, clientBufferBytes, identityRecheckMs } = this.config.departments;
    const start = resumeFrom === undefined ? await this.log.last() : BigInt(resumeFrom);
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    response.write(': stream\n\n');
    const client = new EventStreamClient(response, request.user, types, start, clientBufferBytes);
    const heartbeat = setInterval(() => client.heartbeat(), heartbeatMs);
    // The caller's right is asked again while the stream is open: every identityRecheckMs, and
    // at once when a session ends (a departure, suspension, lock, transfer or change of roles).
    const credential = credentialOf(request);
    let rechecking = false;
    const recheck = async () => {
      if (rechecking || client.isClosed) return;
      rechecking = true;
      try {
        const identity = await this.access.recheck(credential, request.id);
        if (identity === null) client.end();
        else if (identity) client.reauthorize(identity);
      } finally {
        rechecking = false;
      }
    };
    const rechecks = setInterval(() => void recheck(), identityRecheckMs);
    const unsubscribe = this.access.onSessionsEnded((sessionIds) => {
      if (credential.kind === 'session' && sessionIds.includes(credential.sessionId)) {
        void recheck();
      }
    });
    response.on('close', () => {
      clearInterval(heartbeat);
      clearInterval(rechecks);
      unsubscribe();
      this.hub.leave(client);
    });
    try {
      await this.hub.join(client);
      for (;;) {
        if (client.isClosed) return;
        const rows = await this.log.after(client.position, PAGE);
        await client.sendPage(rows);
        if (rows.length < PAGE) break;
      }
      client.goLive();
    } catch {
      // The answer has begun: a client that is cut off reconnects with its Last-Event-ID.
      response.destroy();
    }
  }
}
