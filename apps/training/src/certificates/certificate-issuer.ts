import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { CompanyCalendar } from '@salesops/calendar';
import { appendToOutbox } from '@salesops/messaging';
import type { Work } from '@salesops/persistence';
import { TrainingEvents } from '@salesops/training-contracts';

import type { CourseRow } from '../courses/courses.repository';
import { RosterRepository } from '../roster/roster.repository';
import { newCertificateNumber } from './certificate-number';
import { type CertificateRow, CertificatesRepository } from './certificates.repository';

/** Issues the certificate of a passed exam, in the transaction that graded it. */
@Injectable()
export class CertificateIssuer {
  constructor(
    @Inject(CertificatesRepository) private readonly certificates: CertificatesRepository,
    @Inject(RosterRepository) private readonly roster: RosterRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  async issue(
    attempt: { id: string; memberId: string; teamId: string },
    course: CourseRow,
    work: Work,
  ): Promise<CertificateRow> {
    const issuedAt = new Date();
    const trainee = await this.roster.find(attempt.memberId, work);
    const validUntil =
      course.certificateValidityMonths === null
        ? null
        : new Date(
            new Date(issuedAt).setUTCMonth(
              issuedAt.getUTCMonth() + course.certificateValidityMonths,
            ),
          );
    const certificate = await this.certificates.create(
      {
        id: randomUUID(),
        number: newCertificateNumber(),
        memberId: attempt.memberId,
        teamId: attempt.teamId,
        courseId: course.id,
        attemptId: attempt.id,
        holderName: trainee?.name ?? '',
        issuedAt,
        validUntil,
      },
      work,
    );
    await appendToOutbox(work, TrainingEvents.certificateIssued, certificate.id, {
      memberId: attempt.memberId,
      teamId: attempt.teamId,
      courseId: course.id,
      period: this.calendar.monthOf(issuedAt),
      certificateId: certificate.id,
      number: certificate.number,
      attemptId: attempt.id,
      issuedAt: issuedAt.toISOString(),
    });
    return certificate;
  }
}
