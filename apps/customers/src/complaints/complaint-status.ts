import type { ComplaintStatus } from '@salesops/customers-contracts';

export type ComplaintStep = 'acknowledge' | 'investigate' | 'resolve' | 'close' | 'reopen';

/** From which statuses each step goes, and where to (domain.md §2). */
const STEPS: Record<ComplaintStep, { from: readonly ComplaintStatus[]; to: ComplaintStatus }> = {
  acknowledge: { from: ['received'], to: 'acknowledged' },
  investigate: { from: ['acknowledged'], to: 'investigating' },
  resolve: { from: ['investigating'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved', 'closed'], to: 'investigating' },
};

/** The status a step leads to from `status`, or null when the step is not allowed from there. */
export function statusAfter(status: ComplaintStatus, step: ComplaintStep): ComplaintStatus | null {
  const { from, to } = STEPS[step];
  return from.includes(status) ? to : null;
}

/** Root causes that send the responsible member to the team's remedial course. */
export function needsRemedialCourse(category: string): boolean {
  return category === 'sales_skill' || category === 'service_attitude';
}
