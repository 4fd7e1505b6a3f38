import type { z } from 'zod';

import { type TrainingEvents } from '@salesops/training-contracts/events';

import type { FactDraft } from './fact-draft';

type Data<E extends { data: z.ZodType }> = z.output<E['data']>;

/** Present or late counts as attended; absent as not. */
export function factsOfAttendance(
  attendance: Data<typeof TrainingEvents.attendanceRecorded>,
): FactDraft[] {
  return [
    {
      memberId: attendance.memberId,
      metric: 'attendance',
      period: attendance.period,
      value: attendance.status === 'absent' ? 0n : 1n,
      sourceType: 'attendance',
      sourceId: attendance.enrollmentId,
      sourceRef: null,
      occurredAt: attendance.recordedAt,
      eventTeamId: attendance.teamId,
    },
  ];
}

export function factsOfCertificate(
  certificate: Data<typeof TrainingEvents.certificateIssued>,
): FactDraft[] {
  return [
    {
      memberId: certificate.memberId,
      metric: 'certificates',
      period: certificate.period,
      value: 1n,
      sourceType: 'certificate',
      sourceId: certificate.certificateId,
      sourceRef: certificate.number,
      occurredAt: certificate.issuedAt,
      eventTeamId: certificate.teamId,
    },
  ];
}
