import type { FactWindow } from './kpi.repository';

/** The months a period spans and the period before it: `2026-11` → October; `2026` → 2025. */
export function windowOf(period: string): Extract<FactWindow, { kind: 'periods' }> {
  if (/^\d{4}$/.test(period)) {
    const year = Number(period);
    return {
      kind: 'periods',
      from: `${year}-01`,
      to: `${year}-12`,
      previousFrom: `${year - 1}-01`,
      previousTo: `${year - 1}-12`,
    };
  }
  const [year, month] = period.split('-').map(Number) as [number, number];
  const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  return {
    kind: 'periods',
    from: period,
    to: period,
    previousFrom: previous,
    previousTo: previous,
  };
}
