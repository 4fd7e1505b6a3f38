import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { MembersEvents } from '@salesops/members-contracts';
import { type EventConsumerSpec, EventConsumerHost } from '@salesops/messaging';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { AuditTrail } from '../audit/audit-trail';
import { PrismaService, type Tx } from '../database/prisma.service';
import { SessionsService } from './sessions.service';

/**
 * A member who departs or is suspended loses every session at once: their next request is refused.
 * A departure also disables the member's users for good.
 */
@Injectable()
export class MemberStatusConsumer extends EventConsumerHost<Tx> {
  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(LOGGER) logger: Logger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super(nats, logger, metrics, readiness);
  }

  protected spec(): EventConsumerSpec<Tx> {
    return {
      name: 'gateway-sessions',
      source: 'members',
      handlers: {
        [MembersEvents.memberDeparted.type]: async (event, tx) => {
          const { memberId } = MembersEvents.memberDeparted.data.parse(event.data);
          const disabled = await this.sessions.disableForMember(memberId, tx);
          await this.audit.recordAll(
            disabled.map((userId) => ({
              action: 'user.disabled',
              actor: null,
              subject: userId,
              requestId: event.requestId,
              details: { memberId, reason: 'member departed', eventId: event.id },
            })),
          );
        },
        [MembersEvents.memberSuspended.type]: async (event, tx) => {
          const { memberId } = MembersEvents.memberSuspended.data.parse(event.data);
          await this.sessions.endForMember(memberId, 'member suspended', tx);
        },
        [MembersEvents.memberTransferred.type]: async (event, tx) => {
          const { memberId, toTeamId, position } = MembersEvents.memberTransferred.data.parse(
            event.data,
          );
          await this.sessions.placeMember(memberId, toTeamId, position, tx);
        },
        [MembersEvents.memberReinstated.type]: async (event, tx) => {
          const { memberId } = MembersEvents.memberReinstated.data.parse(event.data);
          await this.sessions.reinstateMember(memberId, tx);
        },
      },
    };
  }

  protected runInTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }
}
