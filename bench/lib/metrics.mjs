// Reads the services' Prometheus /metrics (ops port) so the report can say where a request's time
// goes: the gateway's HTTP time, its NATS round trip, and the members handler's own time.
const HISTOGRAMS = ['salesops_request_duration_seconds', 'salesops_rpc_call_duration_seconds'];

export async function scrapeMetrics(port) {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  const text = await response.text();
  const values = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{.*\})?\s+(\S+)$/.exec(line);
    if (!match) continue;
    values.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return values;
}

function labelsOf(key) {
  const labels = {};
  const inside = /\{(.*)\}$/.exec(key)?.[1] ?? '';
  for (const match of inside.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[match[1]] = match[2];
  return labels;
}

/** Requests counted and mean seconds per histogram series, between two scrapes of each process. */
export function histogramDeltas(before, after) {
  const out = [];
  for (const [process, values] of Object.entries(after)) {
    if (!values || !before[process]) continue;
    for (const [key, sum] of values) {
      const metric = HISTOGRAMS.find((name) => key.startsWith(`${name}_sum`));
      if (!metric) continue;
      const countKey = key.replace('_sum', '_count');
      const count = (values.get(countKey) ?? 0) - (before[process].get(countKey) ?? 0);
      if (count <= 0) continue;
      const seconds = sum - (before[process].get(key) ?? 0);
      const labels = labelsOf(key);
      out.push({
        process,
        metric: metric.replace('salesops_', '').replace('_seconds', ''),
        series: labels.route ?? labels.subject ?? '',
        count,
        meanMs: Number(((seconds / count) * 1000).toFixed(2)),
      });
    }
    const lagKey = [...values.keys()].find((key) =>
      key.startsWith('nodejs_eventloop_lag_p99_seconds'),
    );
    const lag = lagKey === undefined ? undefined : values.get(lagKey);
    if (lag !== undefined) {
      out.push({
        process,
        metric: 'event-loop delay p99 over the phase',
        series: '',
        count: 0,
        meanMs: Number((lag * 1000).toFixed(2)),
      });
    }
  }
  return out;
}
