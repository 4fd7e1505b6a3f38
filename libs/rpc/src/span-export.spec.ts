import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { spans } from './span-export';

const loaded = () =>
  Object.keys(require.cache).some((path) => path.includes('@opentelemetry/sdk-trace'));

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

describe('span export (OTLP)', () => {
  it('loads nothing and records nothing without OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    spans.start('members', {});
    expect(spans.enabled).toBe(false);
    expect(spans.childOf('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toBe(
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    );
    expect(loaded()).toBe(false);
  });

  it('exports the spans with the ids their traceparents carry, parent included', async () => {
    const bodies: string[] = [];
    const collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces') bodies.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((done) => collector.listen(0, '127.0.0.1', done));
    try {
      const port = (collector.address() as AddressInfo).port;
      const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      // In a process of its own, as the services run it (the SDK's transport imports node:http
      // dynamically, which jest's CommonJS cannot).
      const script = `
        const { spans } = require(${JSON.stringify(join(__dirname, '..', 'dist', 'span-export.js'))});
        spans.start('members', { OTEL_EXPORTER_OTLP_ENDPOINT: process.argv[1] });
        const own = spans.childOf(process.argv[2]);
        spans.record({ name: 'members.member.get.v1', kind: 'server', traceparent: own,
          parent: process.argv[2], startMs: Date.now() - 5, endMs: Date.now() });
        spans.shutdown().then(() => console.log(JSON.stringify({ enabled: true, own })));`;
      const { stdout } = await promisify(execFile)(process.execPath, [
        '-e',
        script,
        `http://127.0.0.1:${port}`,
        parent,
      ]);
      const { own } = JSON.parse(stdout) as { own: string };
      expect(own).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
      const exported = bodies.flatMap(
        (body) =>
          (
            JSON.parse(body) as {
              resourceSpans: {
                resource: { attributes: { key: string; value: { stringValue?: string } }[] };
                scopeSpans: { spans: OtlpSpan[] }[];
              }[];
            }
          ).resourceSpans,
      );
      expect(exported[0]?.resource.attributes).toContainEqual({
        key: 'service.name',
        value: { stringValue: 'salesops-members' },
      });
      expect(exported.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))).toEqual([
        expect.objectContaining({
          name: 'members.member.get.v1',
          traceId: '0af7651916cd43dd8448eb211c80319c',
          spanId: own.split('-')[2],
          parentSpanId: 'b7ad6b7169203331',
          kind: 2,
        }),
      ]);
    } finally {
      await new Promise((done) => collector.close(done));
    }
  });
});
