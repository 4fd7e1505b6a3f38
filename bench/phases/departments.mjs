// Issue 17's phases: the gateway's event stream to 100 SSE clients, and webhooks to 20
// subscribers, at a steady 200 events/s published to JetStream. Latency is taken by the clients
// and the receivers (separate processes) from each envelope's `time`, the publish moment on the
// same clock. See bench/README.md, "Departments (issue 17)".
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ROOT } from '../../tools/prisma/engine.mjs';
import { freePort, sleep, waitFor } from '../lib/proc.mjs';
import {
  checkEvent,
  companyPeriod,
  connect,
  jetstream,
  orderSubmitted,
  publishPaced,
} from '../lib/events.mjs';
import { api } from '../lib/gateway-api.mjs';
import { machineLine, waitOthersDrained } from './performance.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const { jetstreamManager } = require('@nats-io/jetstream');

export const DEPARTMENT_PHASES = ['deptStream', 'deptWebhooks'];
export const DEPARTMENT_TARGETS = {
  rate: 200,
  streamClients: 100,
  streamP99Ms: 1000,
  webhooks: 20,
  webhookP99Ms: 2000,
};
const SECONDS = Number(process.env.BENCH_DEPT_SECONDS ?? 10);
const WEBHOOK_DRAIN_SECONDS = Number(process.env.BENCH_WEBHOOK_DRAIN_SECONDS ?? 300);
const TYPE = 'orders.order.submitted';

const stats = async (port) => (await fetch(`http://127.0.0.1:${port}/stats`)).json();

export async function departmentPhases(ctx) {
  const { PHASES, results, base } = ctx;
  if (!PHASES.some((phase) => DEPARTMENT_PHASES.includes(phase))) return;
  const token = await ctx.director();
  const nc = await connect({ servers: ctx.natsUrl, name: 'bench-departments' });
  const js = jetstream(nc);
  const period = companyPeriod();
  let counter = 0;
  const make = () =>
    orderSubmitted({
      ownerId: ctx.data.memberId,
      teamId: ctx.data.teamId,
      period,
      n: `${Date.now()}-${counter++}`,
    });
  checkEvent(make());
  const { rate } = DEPARTMENT_TARGETS;
  const total = rate * SECONDS;
  const jsm = await jetstreamManager(nc);
  // Each phase starts with every consumer of the orders stream caught up (the gateway's relay
  // among them), so no earlier phase's backlog is measured.
  const drained = async (phase) => {
    const seconds = await waitOthersDrained(ctx, jsm, []);
    ctx.log(`${phase}: the orders stream's consumers caught up in ${seconds} s`);
  };
  try {
    if (PHASES.includes('deptStream')) {
      await drained('deptStream');
      const clients = DEPARTMENT_TARGETS.streamClients;
      const port = await freePort();
      const sse = await ctx.startHelper('sse-clients', 'sse-clients.mjs', {
        URL: `${base}/api/v1/events/stream?types=${TYPE}`,
        TOKEN: token,
        CLIENTS: String(clients),
        PORT: String(port),
      });
      await waitFor(async () => (await stats(port)).connected === clients, {
        timeoutMs: 30_000,
        what: `${clients} stream clients connected`,
      });
      ctx.log(`deptStream: ${clients} clients connected; warm-up 2 s at ${rate}/s`);
      await publishPaced(js, rate, rate * 2, make);
      await waitFor(async () => (await stats(port)).received === clients * rate * 2, {
        timeoutMs: 30_000,
        what: 'the warm-up events at every client',
      }).catch(() => undefined);
      await fetch(`http://127.0.0.1:${port}/reset`);
      ctx.log(`deptStream: measuring ${SECONDS} s at ${rate} events/s`);
      const cpuBefore = ctx.cpuSnapshot();
      const windowStart = Date.now();
      const publishSeconds = await publishPaced(js, rate, total, make);
      let last = await stats(port);
      const deadline = Date.now() + 30_000;
      while (last.received < clients * total && Date.now() < deadline) {
        await sleep(200);
        last = await stats(port);
      }
      const cpuAfter = ctx.cpuSnapshot();
      ctx.phaseWindows.deptStream = { start: windowStart, end: Date.now() };
      await sse.stop();
      const share = ctx.cpuUse(cpuBefore, cpuAfter);
      results.deptStream = {
        phase: 'deptStream',
        clients,
        rate,
        events: total,
        publishSeconds: Math.round(publishSeconds * 100) / 100,
        expected: clients * total,
        received: last.received,
        stillConnected: last.connected,
        connectFailures: last.failures,
        perClient: last.perClient,
        publishToReceivedMs: last.latencyMs,
        cpuPercentOfOneCore: share,
        machine: ctx.machineUse(cpuBefore, cpuAfter, share),
      };
      ctx.log(
        `deptStream: ${last.received} of ${clients * total} received; p50 ${last.latencyMs.p50} ms, p99 ${last.latencyMs.p99} ms`,
      );
    }

    if (PHASES.includes('deptWebhooks')) {
      await drained('deptWebhooks');
      const hooks = DEPARTMENT_TARGETS.webhooks;
      const port = await freePort();
      const receiver = await ctx.startHelper('webhook-receiver', 'webhook-receiver.mjs', {
        PORT: String(port),
      });
      const ids = [];
      for (let i = 0; i < hooks; i += 1) {
        const hook = await api(base, 'POST', '/api/v1/webhooks', {
          token,
          body: { url: `http://127.0.0.1:${port}/hook/${i}`, types: [TYPE] },
        });
        ids.push(hook.id);
      }
      // One event first, to see every subscription deliver.
      await publishPaced(js, rate, 1, make);
      await waitFor(async () => Object.keys((await stats(port)).hooks).length === hooks, {
        timeoutMs: 30_000,
        what: `a first delivery to each of ${hooks} receivers`,
      });
      ctx.log(`deptWebhooks: ${hooks} subscribers; measuring ${SECONDS} s at ${rate} events/s`);
      const cpuBefore = ctx.cpuSnapshot();
      const windowStart = Date.now();
      const publishSeconds = await publishPaced(js, rate, total, make);
      const publishedAt = Date.now();
      const complete = (s) =>
        Object.values(s.hooks).every((hook) => hook.unique === total + 1) &&
        Object.keys(s.hooks).length === hooks;
      let last = await stats(port);
      while (!complete(last) && Date.now() - publishedAt < WEBHOOK_DRAIN_SECONDS * 1000) {
        await sleep(500);
        last = await stats(port);
      }
      const drainSeconds = (Date.now() - publishedAt) / 1000;
      const cpuAfter = ctx.cpuSnapshot();
      ctx.phaseWindows.deptWebhooks = { start: windowStart, end: Date.now() };
      for (const id of ids)
        await fetch(`${base}/api/v1/webhooks/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
        });
      await receiver.stop();
      const unique = Object.values(last.hooks).reduce((sum, hook) => sum + hook.unique, 0);
      const repeats = Object.values(last.hooks).reduce((sum, hook) => sum + hook.repeats, 0);
      const share = ctx.cpuUse(cpuBefore, cpuAfter);
      results.deptWebhooks = {
        phase: 'deptWebhooks',
        subscribers: hooks,
        rate,
        events: total,
        publishSeconds: Math.round(publishSeconds * 100) / 100,
        expected: hooks * (total + 1),
        delivered: unique,
        lost: hooks * (total + 1) - unique,
        repeats,
        complete: complete(last),
        drainSeconds: Math.round(drainSeconds * 10) / 10,
        deliveriesPerSecond: Math.round(unique / (publishSeconds + drainSeconds)),
        publishToReceivedMs: last.latencyMs,
        cpuPercentOfOneCore: share,
        machine: ctx.machineUse(cpuBefore, cpuAfter, share),
      };
      ctx.log(
        `deptWebhooks: ${unique} of ${hooks * (total + 1)} delivered (${repeats} repeats) ${drainSeconds.toFixed(1)} s after publishing ended; ` +
          `p50 ${last.latencyMs.p50} ms, p99 ${last.latencyMs.p99} ms`,
      );
    }
  } finally {
    await nc.drain().catch(() => undefined);
  }
}

export function departmentVerdicts(results) {
  const checks = [];
  const T = DEPARTMENT_TARGETS;
  const { deptStream: s, deptWebhooks: w } = results;
  if (s) {
    checks.push({
      target: `${s.clients} SSE clients at ${s.rate} events/s: publish → client p99 < ${T.streamP99Ms} ms`,
      value: `${s.publishToReceivedMs.p99} ms (p50 ${s.publishToReceivedMs.p50}); ${s.received} of ${s.expected} received`,
      pass:
        s.publishToReceivedMs.p99 !== null &&
        s.publishToReceivedMs.p99 < T.streamP99Ms &&
        s.received === s.expected,
    });
  }
  if (w) {
    checks.push({
      target: `${w.subscribers} webhook subscribers at ${w.rate} events/s: publish → delivered p99 < ${T.webhookP99Ms} ms, none lost`,
      value: `${w.publishToReceivedMs.p99} ms (p50 ${w.publishToReceivedMs.p50}); ${w.delivered} of ${w.expected} delivered, ${w.lost} missing after ${w.drainSeconds} s`,
      pass:
        w.publishToReceivedMs.p99 !== null &&
        w.publishToReceivedMs.p99 < T.webhookP99Ms &&
        w.lost === 0,
    });
  }
  return checks;
}

export function departmentMarkdown(report) {
  const { deptStream: s, deptWebhooks: w } = report.results;
  if (!s && !w) return [];
  const lines = ['', '## Departments (issue 17)', ''];
  if (s) {
    lines.push(
      `- Event stream: ${s.clients} clients of GET /events/stream?types=${TYPE}; ${s.events} events at ${s.rate}/s ` +
        `(published in ${s.publishSeconds} s); ${s.received} of ${s.expected} received (per client ${s.perClient.min}–${s.perClient.max}); ` +
        `publish → client p50 ${s.publishToReceivedMs.p50} ms, p90 ${s.publishToReceivedMs.p90} ms, **p99 ${s.publishToReceivedMs.p99} ms**, max ${s.publishToReceivedMs.max} ms.`,
    );
    lines.push(`  - machine: ${machineLine(s.cpuPercentOfOneCore, s.machine)}`);
  }
  if (w) {
    lines.push(
      `- Webhooks: ${w.subscribers} subscriptions of ${TYPE} to a receiver on this machine; ${w.events} events at ${w.rate}/s ` +
        `(+1 first); ${w.delivered} of ${w.expected} delivered (${w.repeats} repeats), the last ${w.drainSeconds} s after publishing ended ` +
        `(${w.deliveriesPerSecond} deliveries/s overall); publish → delivered p50 ${w.publishToReceivedMs.p50} ms, p90 ${w.publishToReceivedMs.p90} ms, ` +
        `**p99 ${w.publishToReceivedMs.p99} ms**, max ${w.publishToReceivedMs.max} ms.`,
    );
    lines.push(`  - machine: ${machineLine(w.cpuPercentOfOneCore, w.machine)}`);
  }
  return lines;
}
