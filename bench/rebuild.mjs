// `npm run bench:rebuild` (after the build): issue 16's rebuild target, apart from `npm run
// bench`. It starts its own nats-server, makes the database `salesops_bench_rebuild` (performance's
// schema only), publishes BENCH_REBUILD_EVENTS events (1,000,000 by default: 2,000
// members.member.hired, then orders.order.completed for them, 1 % repeated under another message
// id) with the real contracts, runs `npm run performance:rebuild`'s program on them and times it;
// then checks the facts (three per completed order, once each). Target: under 5 minutes for
// 1,000,000 events. Results: bench/results/rebuild-<date>.json. See bench/README.md.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { migrate, provisionRoles, ROOT } from '../tools/prisma/engine.mjs';
import { SERVICE_NODE_FLAGS } from '../tools/service-node-flags.mjs';
import { sqlOn } from './lib/database.mjs';
import {
  checkEvent,
  companyPeriod,
  connect,
  jetstream,
  memberHired,
  orderCompleted,
  publishMany,
} from './lib/events.mjs';
import { freePort, startChild, stopAll, tcpReachable, waitFor } from './lib/proc.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const pg = require('pg');
const { jetstreamManager } = require('@nats-io/jetstream');

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(BENCH_DIR, 'results');
const LOG_DIR = join(RESULTS_DIR, 'logs');
const EVENTS = Number(process.env.BENCH_REBUILD_EVENTS ?? 1_000_000);
const MEMBERS = Math.min(2000, Math.floor(EVENTS / 10));
const TARGET_SECONDS = 300;
const TARGET_EVENTS = 1_000_000;
const NATS_SERVER = process.env.BENCH_NATS_SERVER ?? '/usr/sbin/nats-server';
const DATABASE = process.env.BENCH_DATABASE ?? 'salesops_bench_rebuild';
const PG_BASE = 'postgresql://postgres@127.0.0.1:5432';
const startedAt = new Date();
const log = (line) =>
  process.stdout.write(`[rebuild +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}\n`);

let tmp;
const cleanup = async () => {
  await stopAll({ last: ['nats-server'] }).catch(() => undefined);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));

const sql = sqlOn(`${PG_BASE}/${DATABASE}`);

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'salesops-rebuild-'));
  const port = await freePort();
  const nats = startChild(
    'nats-server',
    NATS_SERVER,
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(tmp, 'jetstream')],
    { logFile: join(LOG_DIR, 'rebuild-nats-server.log') },
  );
  await waitFor(() => nats.running && tcpReachable(port), {
    timeoutMs: 10_000,
    what: 'nats-server',
  });
  const natsUrl = `nats://127.0.0.1:${port}`;

  log(`database ${DATABASE}: performance's schema`);
  const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.end();
  await provisionRoles({ url: `${PG_BASE}/${DATABASE}` });
  await migrate({ service: 'performance', url: `${PG_BASE}/${DATABASE}?schema=performance` });

  const nc = await connect({ servers: natsUrl, name: 'bench-rebuild' });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  for (const source of ['members', 'orders'])
    await jsm.streams.add({
      name: `SALESOPS_${source.toUpperCase()}`,
      subjects: [`salesops.${source}.>`],
    });

  const period = companyPeriod();
  const teams = Array.from({ length: 10 }, () => randomUUID());
  const members = Array.from({ length: MEMBERS }, (_, i) => ({
    id: randomUUID(),
    teamId: teams[i % teams.length],
  }));
  const hiredAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const hire = (n) =>
    memberHired({ memberId: members[n].id, teamId: members[n].teamId, n, hiredAt });
  const orders = EVENTS - MEMBERS;
  const repeatsEvery = 100;
  let last;
  const repeated = new WeakSet();
  const completion = (n) => {
    // Every hundredth is the one before again (a redelivery under another message id).
    if (n % repeatsEvery === repeatsEvery - 1 && last) {
      const again = { ...last };
      repeated.add(again);
      return again;
    }
    const member = members[n % MEMBERS];
    last = orderCompleted({
      ownerId: member.id,
      teamId: member.teamId,
      totalCents: 10_000 + ((n * 7919) % 500_000),
      period,
      n: `RB-${n}`,
    });
    return last;
  };
  checkEvent(hire(0));
  checkEvent(completion(0));
  last = undefined;
  log(`publishing ${MEMBERS} members.member.hired and ${orders} orders.order.completed`);
  const hireSeconds = await publishMany(js, MEMBERS, hire);
  let distinct = 0;
  const orderSeconds = await publishMany(
    js,
    orders,
    (n) => {
      const event = completion(n);
      if (!repeated.has(event)) distinct += 1;
      return event;
    },
    { msgIdOf: (event) => (repeated.has(event) ? `${event.id}:again` : event.id) },
  );
  log(`published in ${(hireSeconds + orderSeconds).toFixed(1)} s (${distinct} distinct orders)`);
  await nc.drain();

  const { publicKey } = generateKeyPairSync('ed25519');
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    NATS_URL: natsUrl,
    PERFORMANCE_DATABASE_URL: `postgresql://salesops_performance@127.0.0.1:5432/${DATABASE}?schema=performance`,
    IDENTITY_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
  log('running apps/performance/dist/rebuild-main.js');
  const loadBefore = loadavg()[0];
  const started = performance.now();
  const rebuild = startChild(
    'performance-rebuild',
    process.execPath,
    [...SERVICE_NODE_FLAGS, join(ROOT, 'apps', 'performance', 'dist', 'rebuild-main.js')],
    { env, cwd: ROOT, logFile: join(LOG_DIR, 'performance-rebuild.log') },
  );
  const exit = await rebuild.exited;
  const seconds = (performance.now() - started) / 1000;
  if (exit.code !== 0)
    throw new Error(`rebuild failed (${JSON.stringify(exit)}):\n${rebuild.tail().slice(-3000)}`);
  const output = JSON.parse(rebuild.tail().trim().split('\n').at(-1));
  const [facts] = await sql(
    `SELECT count(*)::int AS facts, count(DISTINCT "eventId")::int AS events FROM performance.kpi_fact`,
  );
  const [{ roster }] = await sql(`SELECT count(*)::int AS roster FROM performance.roster_member`);
  const perSecond = Math.round(EVENTS / seconds);
  const extrapolated = Math.round(TARGET_EVENTS / perSecond);
  const report = {
    startedAt: startedAt.toISOString(),
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverage1m: [loadBefore, loadavg()[0]],
    },
    events: EVENTS,
    members: MEMBERS,
    orderEvents: orders,
    distinctOrders: distinct,
    rebuild: output,
    seconds: Math.round(seconds * 10) / 10,
    perSecond,
    facts: { ...facts, expected: distinct * 3, roster },
    exactlyOnce: facts.facts === distinct * 3 && facts.events === distinct && roster === MEMBERS,
    extrapolatedSecondsFor1M: extrapolated,
    target: `rebuild of ${TARGET_EVENTS} events under ${TARGET_SECONDS} s`,
    pass: (EVENTS >= TARGET_EVENTS ? seconds : extrapolated) < TARGET_SECONDS,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `rebuild-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\nrebuild of ${EVENTS} events (${MEMBERS} hires, ${orders} completions, ${orders - distinct} repeated): ` +
      `${report.seconds} s, ${perSecond} events/s; facts ${facts.facts} of ${distinct * 3} expected ` +
      `(${report.exactlyOnce ? 'exactly once' : 'NOT exactly once'}); 1,000,000 events: ` +
      `${EVENTS >= TARGET_EVENTS ? `${report.seconds} s measured` : `~${extrapolated} s extrapolated`} → ` +
      `${report.pass ? 'PASS' : 'FAIL'} (target < ${TARGET_SECONDS} s); load average ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}`,
  );
  console.log(`Results: ${relative(ROOT, file)}`);
}

try {
  await main();
  await cleanup();
} catch (error) {
  console.error(`bench:rebuild failed: ${error?.stack ?? error}`);
  await cleanup();
  process.exit(1);
}
