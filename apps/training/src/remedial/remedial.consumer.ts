import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { CustomersEvents } from '@salesops/customers-contracts/events';
import { type EventConsumerSpec, type EventEnvelope, EventConsumerHost } from '@salesops/messaging';
import { UnitOfWork, type Work } from '@salesops/persistence';
import { LOGGER, Metrics, NATS_CONNECTION, Readiness } from '@salesops/service-runtime';

import { CoursesRepository } from '../courses/courses.repository';
import { RosterRepository } from '../roster/roster.repository';
import { CourseEnrollments } from '../sessions/course-enrollments';

/** The root causes that send the responsible member back to class (domain.md §2). */
const REMEDIAL_CAUSES = new Set(['sales_skill', 'service_attitude']);

/**
 * A complaint resolved with a skill or attitude root cause enrolls the responsible member in the
 * team's remedial course, once per complaint (a reopened complaint resolved again adds none).
 */
@Injectable()
export class RemedialConsumer extends EventConsumerHost {
  constructor(
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(UnitOfWork) unitOfWork: UnitOfWork,
    @Inject(RosterRepository) private readonly roster: RosterRepository,
    @Inject(CoursesRepository) private readonly courses: CoursesRepository,
    @Inject(CourseEnrollments) private readonly enrollments: CourseEnrollments,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(Metrics) metrics: Metrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    super(nats, log, metrics, unitOfWork, readiness);
  }

  protected spec(): EventConsumerSpec<Work> {
    return {
      name: 'training-remedial',
      source: 'customers',
      handlers: {
        [CustomersEvents.complaintResolved.type]: (event, work) => this.onResolved(event, work),
      },
    };
  }

  private async onResolved(event: EventEnvelope, work: Work): Promise<void> {
    const resolved = CustomersEvents.complaintResolved.data.parse(event.data);
    const courseId = resolved.remedialCourseId;
    if (!REMEDIAL_CAUSES.has(resolved.rootCauseCategory) || !courseId) return;
    if (!(await this.courses.findById(courseId, work))) {
      this.log.warn({ complaintId: resolved.complaintId, courseId }, 'remedial course unknown');
      return;
    }
    const trainee = await this.roster.find(resolved.responsibleMemberId, work);
    await this.enrollments.enrollOnce(
      {
        memberId: resolved.responsibleMemberId,
        teamId: trainee?.teamId ?? resolved.teamId,
        courseId,
        reason: 'remedial',
        complaintId: resolved.complaintId,
        onceKey: `remedial:${resolved.complaintId}`,
      },
      work,
    );
  }
}
