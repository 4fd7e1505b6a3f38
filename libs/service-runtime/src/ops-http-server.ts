import { createServer, type Server } from 'node:http';

import type { Metrics } from './metrics';
import type { Readiness } from './readiness';

export type ReadinessReporter = () => Promise<{ ready: boolean }>;

/**
 * The small HTTP port of a process: /health (liveness), /ready, /metrics, and any further
 * readiness reports by path (`reports`, which may be filled once the process has started).
 */
export function startOpsHttpServer(
  port: number,
  readiness: Readiness,
  metrics: Metrics,
  reports: ReadonlyMap<string, ReadinessReporter> = new Map(),
): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type }).end(body);
    };
    const route = req.url?.split('?')[0];
    if (req.method !== 'GET') return send(405, 'text/plain', 'method not allowed');
    if (route === '/health') return send(200, 'application/json', '{"status":"ok"}');
    const report = route === '/ready' ? () => readiness.report() : reports.get(route ?? '');
    if (report) {
      void report().then(
        (answer) => send(answer.ready ? 200 : 503, 'application/json', JSON.stringify(answer)),
        () => send(503, 'application/json', '{"ready":false}'),
      );
      return;
    }
    if (route === '/metrics') {
      void metrics.registry.metrics().then((text) => send(200, metrics.registry.contentType, text));
      return;
    }
    send(404, 'text/plain', 'not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
