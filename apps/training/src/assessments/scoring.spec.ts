import { AnswerMismatch, autoGrade, isPending, scoreOf, type StoredQuestion } from './scoring';

const questions: StoredQuestion[] = [
  { id: 'q1', type: 'single', prompt: 'p', choices: ['a', 'b', 'c'], points: 2, correct: 1 },
  {
    id: 'q2',
    type: 'multiple',
    prompt: 'p',
    choices: ['a', 'b', 'c', 'd'],
    points: 4,
    correct: [0, 2],
  },
  { id: 'q3', type: 'true_false', prompt: 'p', choices: [], points: 1, correct: false },
  { id: 'q4', type: 'short_answer', prompt: 'p', choices: [], points: 3 },
];

describe('auto-grading', () => {
  it('gives full points for right answers and leaves a short answer to the trainer', () => {
    const points = autoGrade(questions, { q1: 1, q2: [2, 0], q3: false, q4: 'because' });
    expect(points).toEqual({ q1: 2, q2: 4, q3: 1, q4: null });
    expect(isPending(points)).toBe(true);
    expect(scoreOf(questions, { ...points, q4: 3 })).toBe(100);
  });

  it('gives nothing for wrong single and true/false answers and unanswered questions', () => {
    const points = autoGrade(questions, { q1: 0, q3: true });
    expect(points).toEqual({ q1: 0, q2: 0, q3: 0, q4: 0 });
    expect(isPending(points)).toBe(false);
    expect(scoreOf(questions, points)).toBe(0);
  });

  it.each([
    [[0], 2],
    [[0, 1], 0],
    [[0, 2, 3], 2],
    [[1, 3], 0],
    [[], 0],
  ])('grades a partial multiple choice %j as %d of 4 points', (answer, expected) => {
    expect(autoGrade(questions, { q2: answer })['q2']).toBe(expected);
  });

  it('scores the share of points earned, to two places', () => {
    expect(scoreOf(questions, { q1: 2, q2: 2, q3: 0, q4: 1 })).toBe(50);
    expect(scoreOf(questions, { q1: 2, q2: 0, q3: 0, q4: 0 })).toBe(20);
  });

  it.each([
    [{ q1: 7 }],
    [{ q1: true }],
    [{ q2: 1 }],
    [{ q2: [9] }],
    [{ q3: 1 }],
    [{ q4: false }],
    [{ nope: 1 }],
  ])('refuses an answer that does not fit its question: %j', (answers) => {
    expect(() => autoGrade(questions, answers)).toThrow(AnswerMismatch);
  });
});
