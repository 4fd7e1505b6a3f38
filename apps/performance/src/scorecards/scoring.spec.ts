import { EMPTY_TOTALS, kpiValuesOf } from './kpi-values';
import { scoreOf } from './scoring';
import { SALES_WEIGHTS } from '../schemes/default-schemes';

describe('kpiValuesOf and scoreOf', () => {
  const totals = {
    ...EMPTY_TOTALS('m'),
    sales: 150_000n,
    profit: 40_000n,
    previousSales: 40_000n,
    previousSalesFacts: 1,
    leads: 2n,
    won: 1n,
    orders: 2n,
    certificates: 1n,
    rating: '4.5000000000000000',
    ackInTime: '0.50000000000000000000',
    resolvedInTime: '1.00000000000000000000',
    attendance: '0.50000000000000000000',
  };

  it('computes every KPI from hand-summed totals', () => {
    expect(kpiValuesOf(totals)).toEqual({
      salesAmount: '1500.00',
      profit: '400.00',
      growthRate: 275,
      newCustomers: 2,
      conversionRate: 50,
      ordersCompleted: 2,
      satisfaction: 4.5,
      complaintTimeliness: 50,
      complaintResolution: 100,
      trainingParticipation: 50,
      certificates: 1,
      teamwork: 'pending',
      attitude: 'pending',
    });
  });

  it('has no growth without sales in the previous period, and no rates in an empty period', () => {
    const empty = kpiValuesOf(EMPTY_TOTALS('m'));
    expect(empty).toMatchObject({
      salesAmount: '0.00',
      profit: null,
      growthRate: null,
      conversionRate: null,
      satisfaction: null,
      ordersCompleted: 0,
    });
    expect(scoreOf(empty, SALES_WEIGHTS, null)).toMatchObject({ score: null, partial: true });
  });

  it('scores the weighted KPIs, leaves out the pending ones and rescales the rest to 100', () => {
    const score = scoreOf(kpiValuesOf(totals), SALES_WEIGHTS, {
      salesAmount: 300_000n,
      newCustomers: 4,
      ordersCompleted: null,
    });
    // 40·100/90·0.5 + 15·100/90·0.5 + 15·100/90·0.5 + 10·100/90·0.9 + 10·100/90·0.5
    expect(score.score).toBe(54.44);
    expect(score.partial).toBe(true);
    expect(score.lines.find((line) => line.key === 'attitude')).toMatchObject({
      excluded: 'pending',
      points: null,
    });
    expect(score.lines.find((line) => line.key === 'salesAmount')).toMatchObject({
      target: '3000.00',
      effectiveWeight: 44.44,
      points: 22.22,
    });
  });

  it('caps a KPI at its weight and leaves a sales KPI without target out', () => {
    const score = scoreOf(kpiValuesOf(totals), { salesAmount: 50, conversionRate: 50 }, null);
    expect(score.lines.find((line) => line.key === 'salesAmount')?.excluded).toBe('no_target');
    expect(score.score).toBe(50);
    const over = scoreOf(
      kpiValuesOf(totals),
      { salesAmount: 100 },
      {
        salesAmount: 100n,
        newCustomers: null,
        ordersCompleted: null,
      },
    );
    expect(over).toMatchObject({ score: 100, partial: false });
  });
});
