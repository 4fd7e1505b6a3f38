import { createServer, type Server } from 'node:http';

import type { Metrics } from './metrics';
import type { Readiness } from './readiness';

/** The small HTTP port of a NATS service: /health (liveness), /ready, /metrics. */
export function startOpsHttpServer(
  port: number,
  readiness: Readiness,
  metrics: Metrics,
): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type }).end(body);
    };
    const route = req.url?.split('?')[0];
    if (req.method !== 'GET') return send(405, 'text/plain', 'method not allowed');
    if (route === '/health') return send(200, 'application/json', '{"status":"ok"}');
    if (route === '/ready') {
      void readiness.report().then((report) => {
        send(report.ready ? 200 : 503, 'application/json', JSON.stringify(report));
      });
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
