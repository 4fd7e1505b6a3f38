import type { Answers } from '@salesops/training-contracts';

/** A question as stored: with its key (`correct`), which never leaves the service. */
export interface StoredQuestion {
  id: string;
  type: 'single' | 'multiple' | 'true_false' | 'short_answer';
  prompt: string;
  choices: string[];
  points: number;
  correct?: number | number[] | boolean;
  modelAnswer?: string;
}

/** Points per question: a number once graded, null for a short answer the trainer grades. */
export type Points = Record<string, number | null>;

export class AnswerMismatch extends Error {
  constructor(readonly questionId: string) {
    super(`the answer to ${questionId} does not fit its question`);
  }
}

const isIndexIn = (choices: string[]) => (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < choices.length;

/**
 * Grades what can be graded at once: single choice and true/false all or nothing; multiple choice
 * in part (each right choice earns its share, each wrong one takes a share back, never below
 * zero); a short answer waits for the trainer (an unanswered one earns nothing). An answer to no
 * question of the assessment, or of the wrong shape, is refused.
 */
export function autoGrade(questions: readonly StoredQuestion[], answers: Answers): Points {
  const byId = new Map(questions.map((question) => [question.id, question]));
  for (const id of Object.keys(answers)) {
    if (!byId.has(id)) throw new AnswerMismatch(id);
  }
  const points: Points = {};
  for (const question of questions) {
    const answer = answers[question.id];
    points[question.id] = answer === undefined ? 0 : pointsFor(question, answer);
  }
  return points;
}

function pointsFor(question: StoredQuestion, answer: Answers[string]): number | null {
  const validIndex = isIndexIn(question.choices);
  switch (question.type) {
    case 'single':
      if (!validIndex(answer)) throw new AnswerMismatch(question.id);
      return answer === question.correct ? question.points : 0;
    case 'true_false':
      if (typeof answer !== 'boolean') throw new AnswerMismatch(question.id);
      return answer === question.correct ? question.points : 0;
    case 'multiple': {
      if (!Array.isArray(answer) || !answer.every(validIndex))
        throw new AnswerMismatch(question.id);
      const right = new Set(Array.isArray(question.correct) ? question.correct : []);
      const chosen = new Set(answer);
      const hits = [...chosen].filter((choice) => right.has(choice)).length;
      const misses = chosen.size - hits;
      const share = Math.max(0, (hits - misses) / Math.max(1, right.size));
      return round2(question.points * share);
    }
    case 'short_answer':
      if (typeof answer !== 'string') throw new AnswerMismatch(question.id);
      return answer.trim() === '' ? 0 : null;
  }
}

/** Whether a short answer still waits for the trainer. */
export function isPending(points: Points): boolean {
  return Object.values(points).some((value) => value === null);
}

/** The score 0–100 of fully graded points. */
export function scoreOf(questions: readonly StoredQuestion[], points: Points): number {
  const total = questions.reduce((sum, question) => sum + question.points, 0);
  const earned = questions.reduce((sum, question) => sum + (points[question.id] ?? 0), 0);
  return total === 0 ? 0 : round2((100 * earned) / total);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
