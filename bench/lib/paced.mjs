// An open-loop load generator: requests leave at a fixed rate, evenly spaced, whether or not the
// earlier ones have been answered, over at most `connections` keep-alive sockets. Each latency is
// measured from the moment the request was *due*, so time spent queued behind a slow server counts
// (no coordinated omission). autocannon's own rate limit sends each connection's quota for the
// second in one burst at the top of the second, which measures bursts rather than a steady load.
import { Agent, request } from 'node:http';

import { percentiles } from './percentiles.mjs';

export async function pacedLoad({
  url,
  path = '',
  headers = {},
  rate,
  durationSeconds,
  connections,
}) {
  const target = new URL(path, url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.round(rate * durationSeconds);
  const spacingMs = 1000 / rate;
  const latencies = [];
  const statusCodes = {};
  let errors = 0;
  let timeouts = 0;
  let pending = 0;
  let sent = 0;
  const started = performance.now();

  await new Promise((resolve) => {
    const finishIfDone = () => {
      if (sent === total && pending === 0) resolve();
    };
    const fire = (dueAt) => {
      pending += 1;
      const req = request(target, { agent, headers, method: 'GET' }, (res) => {
        res.resume();
        res.once('end', () => {
          latencies.push(performance.now() - dueAt);
          statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
          pending -= 1;
          finishIfDone();
        });
      });
      req.setTimeout(10_000, () => {
        timeouts += 1;
        req.destroy(new Error('timeout'));
      });
      req.once('error', () => {
        errors += 1;
        pending -= 1;
        finishIfDone();
      });
      req.end();
    };
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor((performance.now() - started) / spacingMs) + 1);
      while (sent < due) fire(started + sent++ * spacingMs);
      if (sent === total) {
        clearInterval(timer);
        finishIfDone();
      }
    }, 1);
  });
  agent.destroy();

  const seconds = (performance.now() - started) / 1000;
  const { p50, p90, p99, max } = percentiles(latencies);
  const ok2xx = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  const answered = latencies.length;
  return {
    requests: { average: answered / seconds, total: answered },
    '2xx': ok2xx,
    non2xx: answered - ok2xx,
    errors,
    timeouts,
    statusCodeStats: Object.fromEntries(
      Object.entries(statusCodes).map(([code, count]) => [code, { count }]),
    ),
    latency: {
      p50,
      p90,
      p99,
      max,
      average: latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, answered),
    },
    duration: seconds,
  };
}
