import type * as Api from '@opentelemetry/api';
import type { Context, SpanContext } from '@opentelemetry/api';
import type * as Otlp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Resources from '@opentelemetry/resources';
import type * as Sdk from '@opentelemetry/sdk-trace';

import { childTraceparent, parseTraceparent } from './trace-context';

export type SpanKindName = 'server' | 'client' | 'consumer';

/** A span that has ended, named by the W3C trace context the rest of the code already carries. */
export interface FinishedSpan {
  name: string;
  kind: SpanKindName;
  /** This span's own `traceparent`. */
  traceparent: string;
  /** Its parent's (a client's, the calling span's, the event's), when it has one. */
  parent?: string | null;
  /** Epoch milliseconds. */
  startMs: number;
  endMs: number;
  attributes?: Record<string, string | number | boolean | undefined>;
  failed?: boolean;
}

interface Exporter {
  record(span: FinishedSpan): void;
  shutdown(): Promise<void>;
}

let exporter: Exporter | undefined;

/**
 * Spans exported over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT is set: the SDK is loaded
 * then and only then, so without it a span costs one test of a variable. The SDK reads its own
 * variables (OTEL_EXPORTER_OTLP_HEADERS, …) and OTEL_BSP_SCHEDULE_DELAY (how often spans are sent). Ids are the ones the
 * `traceparent` headers and envelopes carry: no second trace context.
 */
export const spans = {
  get enabled(): boolean {
    return exporter !== undefined;
  },

  start(service: string, env: NodeJS.ProcessEnv = process.env): void {
    const endpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT'];
    if (exporter || !endpoint) return;
    const delay = Number(env['OTEL_BSP_SCHEDULE_DELAY']);
    exporter = loadExporter(service, endpoint, Number.isInteger(delay) && delay > 0 ? delay : 5000);
  },

  /** The traceparent of a span to serve `parent` in, when spans are exported; else `parent`. */
  childOf(parent: string | undefined): string | undefined {
    return exporter ? childTraceparent(parent) : parent;
  },

  record(span: FinishedSpan): void {
    exporter?.record(span);
  },

  /** Sends what is waiting; no more spans are recorded. */
  async shutdown(): Promise<void> {
    const ending = exporter;
    exporter = undefined;
    await ending?.shutdown();
  },
};

/* eslint-disable @typescript-eslint/no-require-imports -- loaded only when spans are exported */
function loadExporter(service: string, endpoint: string, delayMs: number): Exporter {
  const api = require('@opentelemetry/api') as typeof Api;
  const sdk = require('@opentelemetry/sdk-trace') as typeof Sdk;
  const otlp = require('@opentelemetry/exporter-trace-otlp-http') as typeof Otlp;
  const resources = require('@opentelemetry/resources') as typeof Resources;
  /* eslint-enable @typescript-eslint/no-require-imports */

  // The ids of the next span: set just before the SDK (synchronously) asks for them.
  let next: { traceId: string; spanId: string } | undefined;
  const ids = {
    generateTraceId: () => next?.traceId ?? '',
    generateSpanId: () => next?.spanId ?? '',
  };
  const provider = new sdk.TracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': `salesops-${service}` }),
    idGenerator: ids,
    spanProcessors: [
      new sdk.BatchSpanProcessor({
        exporter: new otlp.OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
        scheduledDelayMillis: delayMs,
      }),
    ],
  });
  const tracer = provider.getTracer('salesops');
  const kinds: Record<SpanKindName, number> = {
    server: api.SpanKind.SERVER,
    client: api.SpanKind.CLIENT,
    consumer: api.SpanKind.CONSUMER,
  };
  return {
    record(span) {
      const own = parseTraceparent(span.traceparent);
      if (!own) return;
      const parent = parseTraceparent(span.parent);
      let context: Context = api.ROOT_CONTEXT;
      if (parent) {
        const remote: SpanContext = {
          traceId: parent.traceId,
          spanId: parent.spanId,
          traceFlags: parseInt(parent.flags, 16),
          isRemote: true,
        };
        context = api.trace.setSpanContext(context, remote);
      } else if ((parseInt(own.flags, 16) & 1) === 0) {
        return;
      }
      next = own;
      const started = tracer.startSpan(
        span.name,
        { kind: kinds[span.kind], startTime: span.startMs, attributes: span.attributes },
        context,
      );
      next = undefined;
      if (span.failed) started.setStatus({ code: api.SpanStatusCode.ERROR });
      started.end(span.endMs);
    },
    shutdown: () => provider.shutdown(),
  };
}
