import { Counter } from 'prom-client';

import type { Metrics } from '@salesops/service-runtime';

import type { SweepObserver } from './due-sweep';

/** A service's sweeps counted on its metrics: passes and failed attempts, by kind. */
export function sweepMetrics(metrics: Metrics): SweepObserver {
  const passes = new Counter({
    name: 'salesops_sweep_passes_total',
    help: 'Passes over the due items of a kind (a kind whose count stops rising is stuck)',
    labelNames: ['kind'] as const,
    registers: [metrics.registry],
  });
  const failures = new Counter({
    name: 'salesops_sweep_failures_total',
    help: 'Attempts at a due item that failed (the item is retried after its backoff)',
    labelNames: ['kind'] as const,
    registers: [metrics.registry],
  });
  return {
    passed: (kind) => passes.inc({ kind }),
    failed: (kind) => failures.inc({ kind }),
  };
}
