import { COMPLAINT_STATUSES } from '@salesops/customers-contracts';

import { type ComplaintStep, needsRemedialCourse, statusAfter } from './complaint-status';

describe('complaint status', () => {
  it('goes received → acknowledged → investigating → resolved → closed', () => {
    expect(statusAfter('received', 'acknowledge')).toBe('acknowledged');
    expect(statusAfter('acknowledged', 'investigate')).toBe('investigating');
    expect(statusAfter('investigating', 'resolve')).toBe('resolved');
    expect(statusAfter('resolved', 'close')).toBe('closed');
  });

  it('reopens a resolved or closed complaint back to investigating', () => {
    expect(statusAfter('resolved', 'reopen')).toBe('investigating');
    expect(statusAfter('closed', 'reopen')).toBe('investigating');
  });

  it('allows each step from its statuses only', () => {
    const allowed: Record<ComplaintStep, string[]> = {
      acknowledge: ['received'],
      investigate: ['acknowledged'],
      resolve: ['investigating'],
      close: ['resolved'],
      reopen: ['resolved', 'closed'],
    };
    for (const [step, from] of Object.entries(allowed) as [ComplaintStep, string[]][]) {
      for (const status of COMPLAINT_STATUSES) {
        expect([step, status, statusAfter(status, step) !== null]).toEqual([
          step,
          status,
          from.includes(status),
        ]);
      }
    }
  });

  it('sends sales skill and service attitude causes to the remedial course, no other', () => {
    expect(needsRemedialCourse('sales_skill')).toBe(true);
    expect(needsRemedialCourse('service_attitude')).toBe(true);
    for (const other of ['product', 'logistics', 'process', 'other']) {
      expect(needsRemedialCourse(other)).toBe(false);
    }
  });
});
