import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import type { RpcCallObserver } from '@salesops/rpc';

/** The Prometheus metrics every process exports at /metrics. */
export class Metrics implements RpcCallObserver {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'salesops_requests_total',
    help: 'Requests served, by route or subject and outcome',
    labelNames: ['route', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: 'salesops_request_duration_seconds',
    help: 'Time to serve a request',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly rpcCalls = new Counter({
    name: 'salesops_rpc_calls_total',
    help: 'Outgoing NATS requests, by subject and outcome (timeout, unavailable, error, ok)',
    labelNames: ['subject', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly rpcCallSeconds = new Histogram({
    name: 'salesops_rpc_call_duration_seconds',
    help: 'Round trip of outgoing NATS requests',
    labelNames: ['subject'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly outboxLag = new Gauge({
    name: 'salesops_outbox_lag_events',
    help: 'Committed events not yet published to JetStream',
    registers: [this.registry],
  });
  readonly outboxParked = new Counter({
    name: 'salesops_outbox_parked_total',
    help: 'Outbox events parked because they can never be published (alert on any)',
    registers: [this.registry],
  });
  readonly outboxOldestSeconds = new Gauge({
    name: 'salesops_outbox_oldest_unpublished_seconds',
    help: 'Age of the oldest committed event not yet published',
    registers: [this.registry],
  });
  readonly consumerLag = new Gauge({
    name: 'salesops_consumer_lag_events',
    help: 'Events waiting for a durable consumer',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });
  readonly eventsApplied = new Counter({
    name: 'salesops_events_applied_total',
    help: 'Events applied by a consumer (redeliveries of applied events excluded)',
    labelNames: ['consumer', 'type'] as const,
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'salesops_dead_letters_total',
    help: 'Events a consumer gave up on and sent to the dead-letter subject',
    labelNames: ['consumer', 'type'] as const,
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  onCall(subject: string, outcome: 'ok' | 'error' | 'timeout' | 'unavailable', seconds: number) {
    this.rpcCalls.inc({ subject, outcome });
    this.rpcCallSeconds.observe({ subject }, seconds);
  }
}
