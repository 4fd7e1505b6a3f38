import { defineErrors } from '@salesops/contract-kit';

/** The training service's own error codes (the shared ones are in `@salesops/contract-kit`). */
export const trainingErrors = defineErrors({
  COURSE_NOT_FOUND: { status: 404, title: 'Course not found' },
  ASSESSMENT_NOT_FOUND: { status: 404, title: 'Assessment not found' },
  ATTEMPT_NOT_FOUND: { status: 404, title: 'Attempt not found' },
  SESSION_NOT_FOUND: { status: 404, title: 'Training session not found' },
  TRAINING_PLAN_NOT_FOUND: { status: 404, title: 'Training plan not found' },
  ENROLLMENT_NOT_FOUND: { status: 404, title: 'Enrollment not found' },
  CERTIFICATE_NOT_FOUND: { status: 404, title: 'Certificate not found' },
  TRAINING_RECORD_NOT_FOUND: {
    status: 404,
    title: "No such member's training record in your reach",
  },
  TRAINEE_UNKNOWN: {
    status: 422,
    title: 'The member is not known to training, or not in your reach',
  },
  SESSION_FULL: { status: 409, title: 'The session is full and keeps no waiting list' },
  SESSION_CANCELLED: { status: 409, title: 'The session is cancelled' },
  ALREADY_ENROLLED: { status: 409, title: 'The member is already enrolled in this session' },
  NOT_ENROLLED: {
    status: 422,
    title: 'Attendance and feedback are for members enrolled in the session',
  },
  NOT_ATTENDED: { status: 409, title: 'Feedback is for members who attended the session' },
  ENROLLMENT_NOT_CANCELLABLE: { status: 409, title: 'The enrollment is not open' },
  ATTEMPT_NOT_ALLOWED: {
    status: 409,
    title: 'The assessment is passed already, or an attempt awaits grading',
  },
  RETRAINING_REQUIRED: {
    status: 409,
    title: 'No attempt left: attend a new session of the course before trying again',
  },
  ATTEMPT_ALREADY_GRADED: { status: 409, title: 'The attempt is graded already' },
  ANSWER_INVALID: { status: 422, title: 'An answer does not fit its question' },
  GRADE_INVALID: {
    status: 422,
    title: "Grade each short answer of the attempt, within the question's points",
  },
  TRAINING_PLAN_EXISTS: {
    status: 409,
    title: 'The team has a training plan for that year already',
  },
  TRAINING_TEAM_UNKNOWN: { status: 422, title: 'The team is not one you lead' },
  REFLECTION_OVERDUE: {
    status: 409,
    title: 'A reflection is due within seven days of attending: that time has passed',
  },
  REFLECTION_MISSING: { status: 409, title: 'There is no reflection to grade' },
});

declare module '@salesops/contract-kit' {
  interface ErrorCatalogs {
    training: typeof trainingErrors;
  }
}
