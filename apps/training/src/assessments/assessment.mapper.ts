import type { Answers, Assessment, Attempt } from '@salesops/training-contracts';

import type { AssessmentRow, AttemptRow } from './assessments.repository';
import type { StoredQuestion } from './scoring';

/** The questions as anyone outside the service sees them: the key (correct, model answer) left out. */
export function toAssessment(row: AssessmentRow): Assessment {
  const questions = row.questions as unknown as StoredQuestion[];
  return {
    id: row.id,
    courseId: row.courseId,
    kind: row.kind as Assessment['kind'],
    title: row.title,
    passingScore: row.passingScore,
    questions: questions.map(({ id, type, prompt, choices, points }) => ({
      id,
      type,
      prompt,
      choices,
      points,
    })),
    createdAt: row.createdAt.toISOString(),
  };
}

export function toAttempt(
  row: AttemptRow,
  certificateNumber: string | null,
  { withScore }: { withScore: boolean },
): Attempt {
  return {
    id: row.id,
    assessmentId: row.assessmentId,
    courseId: row.courseId,
    kind: row.kind as Attempt['kind'],
    memberId: row.memberId,
    answers: withScore ? (row.answers as Answers) : {},
    score: withScore ? row.score : null,
    passed: row.passed,
    status: row.status as Attempt['status'],
    attemptNo: row.attemptNo,
    retrainingRequired: row.retrainingRequired,
    certificateNumber,
    submittedAt: row.submittedAt.toISOString(),
    gradedAt: row.gradedAt?.toISOString() ?? null,
  };
}
