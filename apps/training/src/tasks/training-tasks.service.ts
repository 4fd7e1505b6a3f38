import { Inject, Injectable } from '@nestjs/common';

import { Clock } from '@salesops/calendar';
import type { Task } from '@salesops/contract-kit';
import type { IdentityClaims } from '@salesops/rpc';

import { AssessmentsRepository } from '../assessments/assessments.repository';
import { SessionsRepository } from '../sessions/sessions.repository';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * What waits in training for the caller: their sessions in the coming week and a retraining
 * they owe; for trainers, attempts and reflections to grade.
 */
@Injectable()
export class TrainingTasksService {
  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(AssessmentsRepository) private readonly assessments: AssessmentsRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(identity: IdentityClaims): Promise<{ items: Task[] }> {
    const items: Task[] = [];
    const memberId = identity.caller.memberId;
    if (memberId) {
      const now = this.clock.now();
      for (const session of await this.sessions.upcomingOf(
        memberId,
        now,
        new Date(now.getTime() + WEEK_MS),
      )) {
        items.push(
          task(
            'training.session',
            'Attend a training session',
            'training-session',
            session.id,
            session.startsAt,
          ),
        );
      }
      for (const enrollment of await this.sessions.reflectionsOwed(memberId, now)) {
        items.push(
          task(
            'training.reflection_due',
            'Hand in your reflection on a session attended',
            'enrollment',
            enrollment.id,
            enrollment.reflectionDueAt,
          ),
        );
      }
      for (const attempt of await this.assessments.retrainingOf(memberId)) {
        const latest = await this.assessments.latestAttempt(memberId, attempt.assessmentId);
        if (latest?.id !== attempt.id) continue;
        items.push(
          task(
            'training.retraining',
            'Retrain: attend a new session of the course',
            'course',
            attempt.courseId,
            null,
          ),
        );
      }
    }
    if (identity.permissions.includes('training:manage')) {
      for (const attempt of await this.assessments.awaitingGrading()) {
        items.push(
          task(
            'training.grading',
            'Grade the short answers of an attempt',
            'attempt',
            attempt.id,
            null,
          ),
        );
      }
      for (const enrollment of await this.sessions.reflectionsToGrade()) {
        items.push(
          task('training.reflection', 'Grade a reflection', 'enrollment', enrollment.id, null),
        );
      }
    }
    return { items };
  }
}

function task(
  kind: string,
  title: string,
  subjectType: string,
  subjectId: string,
  due: Date | null,
): Task {
  return {
    id: `${kind}:${subjectId}`,
    kind,
    title,
    subjectType,
    subjectId,
    dueAt: due?.toISOString() ?? null,
    service: 'training',
  };
}
