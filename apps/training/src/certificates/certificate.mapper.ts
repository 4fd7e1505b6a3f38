import type { Certificate } from '@salesops/training-contracts';

import type { Certificate as CertificateRow } from '../generated/prisma/client';

export function isValid(row: CertificateRow, now: Date): boolean {
  return row.revokedAt === null && (row.validUntil === null || row.validUntil > now);
}

export function toCertificate(row: CertificateRow, courseTitle: string, now: Date): Certificate {
  return {
    id: row.id,
    number: row.number,
    memberId: row.memberId,
    courseId: row.courseId,
    courseTitle,
    attemptId: row.attemptId,
    issuedAt: row.issuedAt.toISOString(),
    validUntil: row.validUntil?.toISOString() ?? null,
    valid: isValid(row, now),
  };
}
