import type { Course } from '@salesops/training-contracts';

import type { Course as CourseRow } from '../generated/prisma/client';

export function toCourse(row: CourseRow): Course {
  return {
    id: row.id,
    title: row.title,
    category: row.category as Course['category'],
    mode: row.mode as Course['mode'],
    materials: row.materials as Course['materials'],
    durationMinutes: row.durationMinutes,
    passingScore: row.passingScore,
    maxAttempts: row.maxAttempts,
    requiredFor: row.requiredFor as Course['requiredFor'],
    certificateValidityMonths: row.certificateValidityMonths,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}
