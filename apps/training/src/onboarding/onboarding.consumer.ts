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

import { CoursesRepository } from '../courses/courses.repository';
import { RosterRepository } from '../roster/roster.repository';
import { CourseEnrollments } from '../sessions/course-enrollments';

/**
 * Keeps who is on which team in which position, and enrolls a member hired into a position (or
 * transferred to one) in every course required for it: once per member and course, however
 * often the events come.
 */
@Injectable()
export class OnboardingConsumer extends EventConsumerHost {
  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(UnitOfWork) unitOfWork: UnitOfWork,
    @Inject(RosterRepository) private readonly roster: RosterRepository,
    @Inject(CoursesRepository) private readonly courses: CoursesRepository,
    @Inject(CourseEnrollments) private readonly enrollments: CourseEnrollments,
    @Inject(LOGGER) logger: Logger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super(nats, logger, metrics, unitOfWork, readiness);
  }

  protected spec(): EventConsumerSpec<Work> {
    return {
      name: 'training-onboarding',
      source: 'members',
      handlers: {
        [MembersEvents.memberHired.type]: (event, work) => this.onHired(event, work),
        [MembersEvents.memberTransferred.type]: (event, work) => this.onTransferred(event, work),
      },
    };
  }

  private async onHired(event: EventEnvelope, work: Work): Promise<void> {
    const hired = MembersEvents.memberHired.data.parse(event.data);
    const placement = {
      memberId: hired.memberId,
      teamId: hired.teamId,
      position: hired.position,
      name: hired.name ?? null,
    };
    await this.roster.applyPlacement(placement, subjectVersionOf(event), work);
    await this.enrollInRequired(placement, work);
  }

  private async onTransferred(event: EventEnvelope, work: Work): Promise<void> {
    const moved = MembersEvents.memberTransferred.data.parse(event.data);
    const placement = {
      memberId: moved.memberId,
      teamId: moved.toTeamId,
      position: moved.position,
      name: null,
    };
    await this.roster.applyPlacement(placement, subjectVersionOf(event), work);
    await this.enrollInRequired(placement, work);
  }

  private async enrollInRequired(
    member: { memberId: string; teamId: string; position: string },
    work: Work,
  ): Promise<void> {
    for (const course of await this.courses.requiredFor(member.position, work)) {
      await this.enrollments.enrollOnce(
        {
          memberId: member.memberId,
          teamId: member.teamId,
          courseId: course.id,
          reason: 'onboarding',
          complaintId: null,
          onceKey: `required:${member.memberId}:${course.id}`,
        },
        work,
      );
    }
  }
}
