import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { MembersEvents } from '@salesops/members-contracts';
import {
  type EventConsumerSpec,
  type EventEnvelope,
  EventConsumerHost,
  subjectVersionOf,
} from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { MemberStandingRepository, type StandingAspect } from './member-standing.repository';
import { MemberStanding } from './member-standing.service';
import { SessionsService } from './sessions.service';

/**
 * A member who departs or is suspended loses every session at once: their next request is refused.
 * A departure also disables the member's users for good. Each event applies only if it is newer
 * (by the member's version) than the last one applied of its aspect: a suspension that arrives
 * after the reinstatement that followed it changes nothing.
 */
@Injectable()
export class MemberStatusConsumer extends EventConsumerHost {
  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(UnitOfWork) unitOfWork: UnitOfWork,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(MemberStanding) private readonly memberStanding: MemberStanding,
    @Inject(MemberStandingRepository) private readonly standing: MemberStandingRepository,
    @Inject(LOGGER) logger: Logger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super(nats, logger, metrics, unitOfWork, readiness);
  }

  protected spec(): EventConsumerSpec<Work> {
    return {
      name: 'gateway-sessions',
      source: 'members',
      handlers: {
        [MembersEvents.memberDeparted.type]: async (event, work) => {
          const { memberId } = MembersEvents.memberDeparted.data.parse(event.data);
          await this.memberStanding.departed(
            memberId,
            subjectVersionOf(event),
            { requestId: event.requestId, eventId: event.id },
            work,
          );
        },
        [MembersEvents.memberSuspended.type]: async (event, work) => {
          const { memberId } = MembersEvents.memberSuspended.data.parse(event.data);
          await this.memberStanding.suspended(memberId, subjectVersionOf(event), work);
        },
        [MembersEvents.memberTransferred.type]: async (event, work) => {
          if (!(await this.isNewer(event, 'placement', work))) return;
          const { memberId, toTeamId, position } = MembersEvents.memberTransferred.data.parse(
            event.data,
          );
          await this.sessions.placeMember(memberId, toTeamId, position, work);
        },
        [MembersEvents.memberReinstated.type]: async (event, work) => {
          if (!(await this.isNewer(event, 'status', work))) return;
          const { memberId } = MembersEvents.memberReinstated.data.parse(event.data);
          await this.sessions.reinstateMember(memberId, work);
        },
      },
    };
  }

  private isNewer(event: EventEnvelope, aspect: StandingAspect, work: Work): Promise<boolean> {
    return this.standing.advance(event.subject, aspect, subjectVersionOf(event), work);
  }
}
