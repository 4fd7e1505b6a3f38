import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { MembersEvents } from '@salesops/members-contracts/events';
import {
  type EventConsumerSpec,
  type EventEnvelope,
  EventConsumerHost,
  subjectVersionOf,
} from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { OrganisationRepository } from './organisation.repository';

/**
 * Keeps the teams (names, lead quota) and who is on which team in which position, from the members
 * service's events: this service never asks members for configuration. A member's placement and
 * status follow the member's version in each event, not the order the events arrive in.
 */
@Injectable()
export class OrganisationConsumer extends EventConsumerHost {
  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(UnitOfWork) unitOfWork: UnitOfWork,
    @Inject(OrganisationRepository) private readonly organisation: OrganisationRepository,
    @Inject(LOGGER) logger: Logger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super(nats, logger, metrics, unitOfWork, readiness);
  }

  protected spec(): EventConsumerSpec<Work> {
    return {
      name: 'customers-organisation',
      source: 'members',
      handlers: {
        [MembersEvents.teamChanged.type]: (event, work) => this.onTeamChanged(event, work),
        [MembersEvents.memberHired.type]: (event, work) => this.onHired(event, work),
        [MembersEvents.memberTransferred.type]: (event, work) => this.onTransferred(event, work),
        [MembersEvents.memberDeparted.type]: (event, work) => this.onDeparted(event, work),
      },
    };
  }

  /**
   * Not versioned: a team's effective settings change with its ancestors' (`change: "inherited"`)
   * while its own row, and so its version, stays as it was, so no version of the team orders these
   * events. Each carries the team whole, so applying one again changes nothing.
   */
  private async onTeamChanged(event: EventEnvelope, work: Work): Promise<void> {
    const team = MembersEvents.teamChanged.data.parse(event.data);
    await this.organisation.upsertTeam(
      {
        teamId: team.teamId,
        name: team.name,
        parentId: team.parentId,
        weeklyLeadQuota: team.settings.weeklyLeadQuota,
        settings: team.settings,
      },
      work,
    );
  }

  private async onHired(event: EventEnvelope, work: Work): Promise<void> {
    const hired = MembersEvents.memberHired.data.parse(event.data);
    await this.organisation.applyMember(
      {
        memberId: hired.memberId,
        version: subjectVersionOf(event),
        teamId: hired.teamId,
        placement: { teamId: hired.teamId, position: hired.position },
        status: 'active',
      },
      work,
    );
  }

  private async onTransferred(event: EventEnvelope, work: Work): Promise<void> {
    const moved = MembersEvents.memberTransferred.data.parse(event.data);
    await this.organisation.applyMember(
      {
        memberId: moved.memberId,
        version: subjectVersionOf(event),
        teamId: moved.toTeamId,
        placement: { teamId: moved.toTeamId, position: moved.position },
      },
      work,
    );
  }

  private async onDeparted(event: EventEnvelope, work: Work): Promise<void> {
    const departed = MembersEvents.memberDeparted.data.parse(event.data);
    await this.organisation.applyMember(
      {
        memberId: departed.memberId,
        version: subjectVersionOf(event),
        teamId: departed.teamId,
        status: 'departed',
      },
      work,
    );
  }
}
