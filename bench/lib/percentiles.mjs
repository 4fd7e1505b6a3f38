// Latency percentiles of the phases that measure without autocannon, by the nearest rank (the
// ceil(q·n)-th smallest value), as autocannon's histogram reads them, so the report's p99s agree.

/** The `q` quantile of ascending `sorted`, or null when it is empty. */
export function quantile(sorted, q) {
  return sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] : null;
}

/** Count, p50, p90, p99 and max of `values` (ms), to 0.1 ms. */
export function percentiles(values) {
  const sorted = Float64Array.from(values).sort();
  const ms = (value) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    count: sorted.length,
    p50: ms(quantile(sorted, 0.5)),
    p90: ms(quantile(sorted, 0.9)),
    p99: ms(quantile(sorted, 0.99)),
    max: ms(quantile(sorted, 1)),
  };
}
