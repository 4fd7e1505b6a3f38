import { CUSTOMER_STAGES, type CustomerStage } from '@salesops/customers-contracts';

import { stageAfter } from './customer-stage';

describe('stageAfter', () => {
  const open: CustomerStage[] = ['lead', 'contacted', 'qualified', 'negotiating'];
  const closed: CustomerStage[] = ['won', 'lost', 'dormant'];

  it.each(open)('lets a %s customer be lost, go dormant or be won', (stage) => {
    expect(stageAfter(stage, { kind: 'lose' })).toBe('lost');
    expect(stageAfter(stage, { kind: 'sleep' })).toBe('dormant');
    expect(stageAfter(stage, { kind: 'win' })).toBe('won');
  });

  it.each(closed)('refuses to lose, put to sleep or win a %s customer', (stage) => {
    expect(stageAfter(stage, { kind: 'lose' })).toBeNull();
    expect(stageAfter(stage, { kind: 'sleep' })).toBeNull();
    expect(stageAfter(stage, { kind: 'win' })).toBeNull();
  });

  it('reopens only lost and dormant customers, to contacted', () => {
    for (const stage of CUSTOMER_STAGES) {
      const expected = stage === 'lost' || stage === 'dormant' ? 'contacted' : null;
      expect(stageAfter(stage, { kind: 'reopen' })).toBe(expected);
    }
  });

  it('advances forward only, among open stages', () => {
    expect(stageAfter('contacted', { kind: 'advance', to: 'qualified' })).toBe('qualified');
    expect(stageAfter('qualified', { kind: 'advance', to: 'negotiating' })).toBe('negotiating');
    expect(stageAfter('negotiating', { kind: 'advance', to: 'qualified' })).toBeNull();
    expect(stageAfter('won', { kind: 'advance', to: 'negotiating' })).toBeNull();
  });

  it('moves a lead to contacted on a follow-up and leaves other stages', () => {
    expect(stageAfter('lead', { kind: 'followed-up' })).toBe('contacted');
    expect(stageAfter('qualified', { kind: 'followed-up' })).toBe('qualified');
  });
});
