import { fromMinor } from '@salesops/contract-kit';
import type { Promotion } from '@salesops/members-contracts';

type Evidence = NonNullable<Promotion['evidence']>;

/**
 * A promotion's evidence as stored: packs compiled before money became a decimal string on the
 * API hold sales as a JSON number; they are read as strings, as new packs are written.
 */
export function storedEvidenceOf(stored: unknown): Promotion['evidence'] {
  const evidence = stored as Evidence | null | undefined;
  if (!evidence?.kpis?.kpis) return evidence ?? undefined;
  return {
    ...evidence,
    kpis: {
      ...evidence.kpis,
      kpis: evidence.kpis.kpis.map((kpi) =>
        kpi.name === 'salesAmount'
          ? { ...kpi, value: moneyOf(kpi.value), floor: moneyOf(kpi.floor) }
          : kpi,
      ),
    },
  };
}

function moneyOf(value: string | number): string {
  return typeof value === 'number' ? fromMinor(BigInt(Math.round(value * 100))) : value;
}
