// `npm run bench` (after the build): measures, one after the other and never in parallel, at the
// same concurrency and duration,
//   1. bare       a bare node:http server (the ceiling of this machine + load generator)
//   2. rawNats    Fastify → NATS request/reply → a bare responder (the least an HTTP→NATS hop costs)
//   3. health     (diagnostic) the gateway's public GET /health: Nest + Fastify, no auth, no NATS
//   4. readDirect the same member read without the gateway: Fastify → the members client → NATS →
//                 members → PostgreSQL, for one fixed caller (no HTTP authentication)
//   5. readFloor  (diagnostic) the raw hop whose responder reads the member over pg: a read's floor
//   6. read       GET /api/v1/members/:id: gateway (JWT, validation) → NATS → members → PostgreSQL
//   7. readPaced  (diagnostic) the same read, open loop at a steady half of 6.'s rate
//   8. write      POST /api/v1/members: the same path, one statement writing member + outbox row
//   9. writeFloor (diagnostic) that statement behind a bare node:http server: a write's floor
//  10. customerCreate  POST /api/v1/customers (seal, blind index, outbox), a unique phone each
//  11. customerList    GET /api/v1/customers?limit=50, the masked page of 50
//  12. customerImport  a 50,000-row CSV (2 % bad, 2 % duplicate) through POST /customers/import,
//                      until done; then the same rows as batched INSERTs over pg (its floor)
//  13. customerDeparture  POST /members/:id/depart of a rep holding 1,000 customers
//  14. orderCreate     POST /api/v1/orders as a rep, three lines (customer reach over NATS, outbox)
//  15. orderRead       GET /api/v1/orders/:id as that rep
//  16. orderApprovals  20 rounds of 20 concurrent approvals of one submitted order, one If-Match
//  17–21. perfApply, perfRanking, perfLive, deptStream, deptWebhooks: issues 16 and 17
//                      (performance and the departments' event stream and webhooks), in
//                      bench/phases/; `npm run bench:rebuild` (bench/rebuild.mjs) is apart
// and checks the targets of the issues: read ≥ 0.6 × rawNats with p99 ≤ 30 ms, write ≥ 0.25 ×
// rawNats, and the authenticated read ≥ 0.85 × readDirect; and the floors against the same bars;
// and the customers' (issue 12) and orders' (issue 13) targets against the floors.
// Results: bench/results/<ISO date>.json and bench/results/latest.md. See bench/README.md.
//
// Knobs (environment): BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_WARMUP (3 s),
// BENCH_PHASES (all of the above, comma-separated), BENCH_PACED_RATE (req/s for readPaced),
// BENCH_CPU_PROF (e.g. "gateway,members": runs those processes under `node --cpu-prof`, profiles
// in bench/results/profiles/), DB_POOL_MAX (passed to the services, for experiments),
// BENCH_IMPORT_ROWS (50,000), BENCH_DEPARTURE_CUSTOMERS (1,000), BENCH_APPROVAL_ROUNDS (20),
// BENCH_DATABASE (salesops_bench: the database the run drops and recreates).
import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { migrate, provisionRoles, ROOT, SERVICES } from '../tools/prisma/engine.mjs';
import { SERVICE_NODE_FLAGS } from '../tools/service-node-flags.mjs';
import {
  allProcessCpu,
  cpuPercentByComm,
  cpuSeconds,
  freePort,
  machineCpu,
  runningChildren,
  sleep,
  startChild,
  stopAll,
  tcpReachable,
  waitFor,
} from './lib/proc.mjs';

import { sqlOn } from './lib/database.mjs';
import { api, call } from './lib/gateway-api.mjs';
import { hire, memberInput, newTeam } from './lib/hiring.mjs';
import { histogramDeltas, scrapeMetrics } from './lib/metrics.mjs';
import { pacedLoad } from './lib/paced.mjs';
import { percentiles } from './lib/percentiles.mjs';
import { benchUser } from './lib/users.mjs';
import {
  DEPARTMENT_PHASES,
  departmentMarkdown,
  departmentPhases,
  departmentVerdicts,
} from './phases/departments.mjs';
import {
  PERFORMANCE_LABELS,
  PERFORMANCE_PHASES,
  performanceMarkdown,
  performancePhases,
  performanceVerdicts,
} from './phases/performance.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const autocannon = require('autocannon');
const pg = require('pg');

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(BENCH_DIR, 'results');
const LOG_DIR = join(RESULTS_DIR, 'logs');
const PROFILE_DIR = join(RESULTS_DIR, 'profiles');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const ALL_PHASES = [
  'bare',
  'rawNats',
  'health',
  'readDirect',
  'readFloor',
  'read',
  'readPaced',
  'write',
  'writeFloor',
  'customerCreate',
  'customerList',
  'customerImport',
  'customerDeparture',
  'orderCreate',
  'orderRead',
  'orderApprovals',
  // Issues 16 and 17 (bench/phases/).
  ...PERFORMANCE_PHASES,
  ...DEPARTMENT_PHASES,
];
/** Phases that need the stack (the others are baselines of their own). */
const STACK_PHASES = ALL_PHASES.filter((phase) => !['bare', 'rawNats'].includes(phase));
const PHASES = (process.env.BENCH_PHASES ?? ALL_PHASES.join(','))
  .split(',')
  .map((phase) => phase.trim())
  .filter(Boolean);
const PROFILED = new Set(
  (process.env.BENCH_CPU_PROF ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
);
for (const phase of PHASES) {
  if (!ALL_PHASES.includes(phase)) throw new Error(`unknown phase ${phase} in BENCH_PHASES`);
}

const NATS_SERVER = process.env.BENCH_NATS_SERVER ?? '/usr/sbin/nats-server';
const DATABASE = process.env.BENCH_DATABASE ?? 'salesops_bench';
const PG_BASE = 'postgresql://postgres@127.0.0.1:5432';
const databaseUrl = (service) => `${PG_BASE}/${DATABASE}?schema=${service}`;
/** One statement on the bench database, outside the services. */
const sql = sqlOn(`${PG_BASE}/${DATABASE}`);
const NATS_SERVICES = ['members', 'customers', 'orders', 'training', 'performance'];
const JWT_SECRET = randomBytes(32).toString('hex');
// The gateway signs each caller's identity for the services (Ed25519): a key pair for this run.
// Builds that predate signed identities ignore both variables.
const IDENTITY_KEYS = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    IDENTITY_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    IDENTITY_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
})();
// The services sign their own background calls with a pair of their own.
const SERVICES_KEYS = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    SERVICE_IDENTITY_PRIVATE_KEY: privateKey
      .export({ type: 'pkcs8', format: 'der' })
      .toString('base64'),
    SERVICE_IDENTITY_PUBLIC_KEY: publicKey
      .export({ type: 'spki', format: 'der' })
      .toString('base64'),
  };
})();
// The gateway binds each call with a key per service derived from this secret (call-keys.ts).
const IDENTITY_CALL_SECRET = randomBytes(32);
const callKeyOf = (service) =>
  createHmac('sha256', IDENTITY_CALL_SECRET)
    .update(`salesops identity call key v1 ${service}`)
    .digest('base64');
const TARGETS = { readVsRaw: 0.6, readP99Ms: 30, writeVsRaw: 0.25, readVsDirect: 0.85 };
// Issue 10's targets, against each phase's own floor (the raw-hop ratios above are still printed).
const FLOOR_TARGETS = { readVsFloor: 0.9, pacedP99Ms: 30, writeVsFloor: 0.35 };
// Issue 12's targets for the customers service.
const CUSTOMER_TARGETS = {
  createVsWriteFloor: 0.35,
  listVsReadFloor: 0.8,
  importVsFloor: 0.25,
  importSeconds: 120,
  departureSeconds: 5,
};
// Issue 13's targets for the orders service.
const ORDER_TARGETS = {
  createVsWriteFloor: 0.3,
  readVsReadFloor: 0.85,
  approvalRounds: Number(process.env.BENCH_APPROVAL_ROUNDS ?? 20),
  approvalsPerRound: 20,
};
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const DEPARTURE_CUSTOMERS = Number(process.env.BENCH_DEPARTURE_CUSTOMERS ?? 1_000);

const startedAt = new Date();
const log = (line) =>
  process.stdout.write(`[bench +${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}\n`);

let tmp;
let cleaningUp;
let interrupted = false;
/** Wall-clock window of each measured phase, and when each profiled process was spawned. */
const phaseWindows = {};
const spawnedAt = {};
async function cleanup() {
  cleaningUp ??= (async () => {
    await stopAll({ last: ['nats-server'] }).catch(() => undefined);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaningUp;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: stopping everything this run started`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.once('uncaughtException', (error) => {
  console.error(error);
  void cleanup().finally(() => process.exit(1));
});

// ---------------------------------------------------------------------------------------------
// Load generation

/** autocannon (closed loop), or our open-loop generator when the phase has a `paced` rate. */
function cannon({ paced, ...options }) {
  if (paced) {
    return pacedLoad({
      url: options.url,
      path: options.requests?.[0]?.path,
      headers: options.requests?.[0]?.headers,
      rate: paced,
      durationSeconds: options.duration,
      connections: CONNECTIONS,
    });
  }
  return autocannon({
    connections: CONNECTIONS,
    pipelining: 1,
    timeout: 10,
    ...options,
  });
}

function cpuSnapshot() {
  const processes = {};
  for (const handle of runningChildren()) processes[handle.name] = cpuSeconds(handle.pid);
  const self = process.cpuUsage();
  processes['autocannon (bench)'] = (self.user + self.system) / 1e6;
  return {
    at: performance.now(),
    processes,
    pids: new Set([String(process.pid), ...runningChildren().map((handle) => String(handle.pid))]),
    all: allProcessCpu(),
    machine: machineCpu(),
  };
}

function cpuUse(before, after) {
  const seconds = (after.at - before.at) / 1000;
  const share = {};
  for (const [name, used] of Object.entries(after.processes)) {
    if (used === null || before.processes[name] === undefined || before.processes[name] === null)
      continue;
    share[name] = round((100 * (used - before.processes[name])) / seconds, 0);
  }
  const postgres = cpuPercentByComm(
    before.all,
    after.all,
    seconds,
    (_, comm) => comm === 'postgres',
  );
  share['postgres (all backends)'] = round(postgres.get('postgres') ?? 0, 0);
  return share; // % of one core
}

/** How busy the whole machine was, and how much of that was not this benchmark (others' work). */
function machineUse(before, after, share) {
  if (!before.machine || !after.machine) return null;
  const seconds = (after.at - before.at) / 1000;
  const busy = (100 * (after.machine.busy - before.machine.busy)) / seconds;
  const ours = Object.values(share).reduce((sum, value) => sum + (value ?? 0), 0);
  const irq = (100 * (after.machine.irq - before.machine.irq)) / seconds;
  // Everything else that ran: other people's builds and tests, kernel threads…
  const others = cpuPercentByComm(
    before.all,
    after.all,
    seconds,
    (pid, comm) => !after.pids.has(pid) && comm !== 'postgres',
  );
  const othersTotal = [...others.values()].reduce((sum, value) => sum + value, 0);
  return {
    busyPercent: round(busy, 0),
    capacityPercent: cpus().length * 100,
    thisBenchmarkPercent: round(ours, 0),
    interruptsPercent: round(irq, 0),
    otherProcessesPercent: round(othersTotal, 0),
    topOtherProcesses: Object.fromEntries(
      [...others]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .filter(([, value]) => value >= 2)
        .map(([comm, value]) => [comm, round(value, 0)]),
    ),
    stealPercent: round((100 * (after.machine.steal - before.machine.steal)) / seconds, 0),
    iowaitPercent: round((100 * (after.machine.iowait - before.machine.iowait)) / seconds, 0),
    loadAverage1m: round(loadavg()[0], 2),
  };
}

/** Warm-up, then the measured run; with CPU per process and the services' own timings. */
async function measure(phase, { url, metricsFrom = [], ...request }) {
  log(`${phase}: warm-up ${WARMUP_S} s`);
  await cannon({ url, duration: WARMUP_S, ...request });
  const metricsBefore = await scrapeAll(metricsFrom);
  const cpuBefore = cpuSnapshot();
  const windowStart = Date.now();
  log(`${phase}: measuring ${DURATION_S} s at ${CONNECTIONS} connections`);
  const result = await cannon({ url, duration: DURATION_S, ...request });
  const cpuAfter = cpuSnapshot();
  phaseWindows[phase] = { start: windowStart, end: Date.now() };
  const metricsAfter = await scrapeAll(metricsFrom);
  const summary = {
    phase,
    url: url + (request.requests?.[0]?.path ?? ''),
    requestsPerSecond: round(result.requests.average, 0),
    total: result.requests.total,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [
        code,
        Number(count),
      ]),
    ),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: round(result.latency.average, 2),
    },
    durationSeconds: result.duration,
    cpuPercentOfOneCore: cpuUse(cpuBefore, cpuAfter),
    machine: null,
    serviceTimings: histogramDeltas(metricsBefore, metricsAfter),
  };
  summary.machine = machineUse(cpuBefore, cpuAfter, summary.cpuPercentOfOneCore);
  // CPU per request barely depends on how busy the rest of the machine is: the steadier number.
  const seconds = (cpuAfter.at - cpuBefore.at) / 1000;
  summary.cpuMsPerRequest = Object.fromEntries(
    Object.entries(summary.cpuPercentOfOneCore)
      .filter(([, percent]) => percent >= 1)
      .map(([name, percent]) => [
        name,
        round(((percent / 100) * seconds * 1000) / Math.max(1, result.requests.total), 3),
      ]),
  );
  log(
    `${phase}: ${summary.requestsPerSecond} req/s, p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, non-2xx ${summary.non2xx}, errors ${summary.errors}` +
      (summary.machine
        ? `; machine ${summary.machine.busyPercent}% busy of ${summary.machine.capacityPercent}%: ` +
          `bench ${summary.machine.thisBenchmarkPercent}%, interrupts ${summary.machine.interruptsPercent}%, ` +
          `other processes ${summary.machine.otherProcessesPercent}%`
        : ''),
  );
  return summary;
}

async function scrapeAll(targets) {
  const out = {};
  for (const { name, port } of targets) out[name] = await scrapeMetrics(port).catch(() => null);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Processes

async function startNatsServer() {
  const port = await freePort();
  const handle = startChild(
    'nats-server',
    NATS_SERVER,
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(tmp, 'jetstream')],
    {
      logFile: join(LOG_DIR, 'nats-server.log'),
    },
  );
  await waitFor(
    async () => {
      if (!handle.running) {
        const error = new Error(`nats-server exited: ${handle.tail()}`);
        error.fatal = true;
        throw error;
      }
      return tcpReachable(port);
    },
    { timeoutMs: 10_000, what: 'nats-server' },
  );
  return `nats://127.0.0.1:${port}`;
}

/** A baseline or floor server, with the same Node flags as the stack's processes. */
async function startHelper(name, script, env) {
  const args = [...SERVICE_NODE_FLAGS, join(BENCH_DIR, 'servers', script)];
  const handle = startChild(name, process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd: ROOT,
    logFile: join(LOG_DIR, `${name}.log`),
  });
  await handle.waitForLine(/READY/);
  return handle;
}

async function resetDatabase() {
  const client = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await provisionRoles({ url: `${PG_BASE}/${DATABASE}` });
  for (const service of SERVICES) await migrate({ service, url: databaseUrl(service) });
}

/** Each process logs in as its own role, as in production (the local server trusts it). */
function roleUrl(service) {
  const url = new URL(databaseUrl(service));
  url.username = `salesops_${service}`;
  url.password = '';
  return url.toString();
}

async function startStack(natsUrl) {
  const ports = {};
  for (const service of SERVICES) ports[service] = { http: await freePort() };
  ports.gateway.ops = await freePort();
  for (const service of NATS_SERVICES) ports[service].ops = ports[service].http;

  const handles = {};
  const spawnService = (service) => {
    const prefix = service.toUpperCase();
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      NATS_URL: natsUrl,
      JWT_SECRET,
      ...IDENTITY_KEYS,
      ...SERVICES_KEYS,
      ...(service === 'gateway'
        ? { IDENTITY_CALL_SECRET: IDENTITY_CALL_SECRET.toString('base64') }
        : { [`${prefix}_IDENTITY_CALL_KEY`]: callKeyOf(service) }),
      CONTACT_KEYS: `bench1:${randomBytes(32).toString('base64')}`,
      CONTACT_ACTIVE_KEY: 'bench1',
      CONTACT_INDEX_KEY: randomBytes(32).toString('base64'),
      MFA_KEYS: `bench1:${randomBytes(32).toString('base64')}`,
      MFA_ACTIVE_KEY: 'bench1',
      USERNAME_HASH_KEY: randomBytes(32).toString('base64'),
      AUDIT_CHAIN_KEY: randomBytes(32).toString('base64'),
      [`${prefix}_DATABASE_URL`]: roleUrl(service),
      [`${prefix}_HTTP_PORT`]: String(ports[service].http),
      // One bench user sends thousands of requests a minute: lift the per-principal limits.
      ...(service === 'gateway'
        ? {
            GATEWAY_OPS_PORT: String(ports.gateway.ops),
            RATE_LIMIT_PER_MINUTE: '100000000',
            RATE_LIMIT_IP_PER_MINUTE: '100000000',
            // The webhook receivers of issue 17's phase listen on 127.0.0.1 over plain HTTP.
            WEBHOOK_ALLOW_PRIVATE: 'true',
          }
        : {}),
      SHUTDOWN_GRACE_MS: '5000',
      // Passed through for experiments (e.g. DB_POOL_MAX=20 node bench/run.mjs).
      ...(process.env.DB_POOL_MAX ? { DB_POOL_MAX: process.env.DB_POOL_MAX } : {}),
    };
    const nodeArgs = PROFILED.has(service)
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${PROFILE_DIR}`,
          `--cpu-prof-name=${service}.${stamp()}.cpuprofile`,
        ]
      : [];
    if (PROFILED.has(service)) mkdirSync(PROFILE_DIR, { recursive: true });
    spawnedAt[service] = Date.now();
    handles[service] = startChild(
      service,
      process.execPath,
      [...SERVICE_NODE_FLAGS, ...nodeArgs, join(ROOT, 'apps', service, 'dist', 'main.js')],
      {
        env,
        cwd: ROOT,
        logFile: join(LOG_DIR, `${service}.${restarts[service] ? `${restarts[service]}.` : ''}log`),
      },
    );
    // A restart logs to `<service>.1.log`: none is left from an earlier run.
    if (!restarts[service]) rmSync(join(LOG_DIR, `${service}.1.log`), { force: true });
    restarts[service] = (restarts[service] ?? 0) + 1;
  };
  const restarts = {};
  const ready = (service, handle) =>
    waitFor(
      async () => {
        if (!handle.running) {
          const error = new Error(
            `${service} exited during start-up:\n${handle.tail().slice(-3000)}`,
          );
          error.fatal = true;
          throw error;
        }
        const response = await fetch(`http://127.0.0.1:${ports[service].ops}/ready`);
        return response.ok;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: `${service} /ready` },
    );
  for (const service of [...NATS_SERVICES, 'gateway']) spawnService(service);
  await Promise.all(Object.entries(handles).map(([service, handle]) => ready(service, handle)));
  /** For phases that stop a service and start it again (issue 16's backlog). */
  const stopService = (service) => handles[service].stop();
  const startService = async (service) => {
    spawnService(service);
    await ready(service, handles[service]);
  };
  return { ports, handles, stopService, startService };
}

// ---------------------------------------------------------------------------------------------
// Data

async function seed(base) {
  const accessToken = await benchUser({ base, sql }, ['director']);
  const team = await newTeam(base, accessToken, 'Bench team');
  const member = await hire(base, accessToken, team.id, 'bseed-1', 'Bench Reader');
  const read = await api(base, 'GET', `/api/v1/members/${member.id}`, { token: accessToken });
  if (read.id !== member.id) throw new Error('GET /api/v1/members/:id returned another member');
  const me = await api(base, 'GET', '/api/v1/auth/me', { token: accessToken });
  return {
    token: accessToken,
    // The identity the gateway resolves for this user, for the read without the gateway.
    identity: {
      caller: {
        kind: 'user',
        id: me.userId,
        memberId: me.memberId,
        teamId: me.teamId,
        roles: me.roles,
      },
      permissions: me.permissions,
      scope: me.scope,
    },
    teamId: team.id,
    memberId: member.id,
    memberBytes: JSON.stringify(read).length,
  };
}

async function writeCounts(prefix) {
  const [members] = await sql(
    `SELECT count(*)::int AS n FROM members.member WHERE "employeeNo" LIKE $1`,
    [`${prefix}-%`],
  );
  const [outbox] = await sql(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE "publishedAt" IS NULL)::int AS unpublished
     FROM members.outbox_event o JOIN members.member m ON m.id::text = o.subject
     WHERE o.type = 'members.member.hired' AND m."employeeNo" LIKE $1`,
    [`${prefix}-%`],
  );
  return { members: members.n, outboxRows: outbox.n, unpublished: outbox.unpublished };
}

async function waitForOutboxDrain(prefix, timeoutMs = 15_000) {
  const started = Date.now();
  let counts = await writeCounts(prefix);
  while (counts.unpublished > 0 && Date.now() - started < timeoutMs) {
    await sleep(250);
    counts = await writeCounts(prefix);
  }
  return {
    ...counts,
    drainSeconds: counts.unpublished === 0 ? round((Date.now() - started) / 1000, 1) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const round = (value, digits = 2) =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
const ratio = (a, b) => (a && b ? round(a.requestsPerSecond / b.requestsPerSecond, 2) : null);
function stamp() {
  return startedAt.toISOString().replace(/[:.]/g, '-');
}

/** All CPU (ms, every process incl. load generator, NATS, PostgreSQL) one request of a phase costs. */
const cpuPerRequest = (phase) =>
  phase?.cpuMsPerRequest
    ? round(
        Object.values(phase.cpuMsPerRequest).reduce((sum, ms) => sum + ms, 0),
        3,
      )
    : null;
/**
 * Throughput ratio the phases would have if both were CPU-bound on the same, otherwise idle
 * machine: the inverse ratio of their CPU per request. Steadier than req/s when others share it.
 */
const cpuRatio = (a, b) =>
  cpuPerRequest(a) && cpuPerRequest(b) ? round(cpuPerRequest(b) / cpuPerRequest(a), 2) : null;

function verdicts(results) {
  const { rawNats, read, write } = results;
  const clean = (phase) => phase.non2xx === 0 && phase.errors === 0;
  const checks = [];
  if (results.readFloor && read) {
    const value = ratio(read, results.readFloor);
    checks.push({
      target: `read ≥ ${FLOOR_TARGETS.readVsFloor} × readFloor`,
      value: `${value}×`,
      pass: value >= FLOOR_TARGETS.readVsFloor && clean(read),
    });
  }
  if (results.readPaced) {
    const paced = results.readPaced;
    checks.push({
      target: `read p99 ≤ ${FLOOR_TARGETS.pacedP99Ms} ms at the paced half rate (${paced.targetRate} req/s)`,
      value: `${paced.latencyMs.p99} ms`,
      pass: paced.latencyMs.p99 <= FLOOR_TARGETS.pacedP99Ms && clean(paced),
    });
  }
  if (results.writeFloor && write) {
    const value = ratio(write, results.writeFloor);
    checks.push({
      target: `write ≥ ${FLOOR_TARGETS.writeVsFloor} × writeFloor`,
      value: `${value}×`,
      pass: value >= FLOOR_TARGETS.writeVsFloor && clean(write),
    });
  }
  checks.push(...customerVerdicts(results, clean));
  checks.push(...orderVerdicts(results, clean));
  checks.push(...performanceVerdicts(results, clean), ...departmentVerdicts(results));
  if (rawNats && read) {
    const value = ratio(read, rawNats);
    checks.push({
      target: `read ≥ ${TARGETS.readVsRaw} × raw NATS hop`,
      value: `${value}×`,
      pass: value >= TARGETS.readVsRaw && clean(read),
    });
    checks.push({
      target: `read p99 ≤ ${TARGETS.readP99Ms} ms`,
      value: `${read.latencyMs.p99} ms`,
      pass: read.latencyMs.p99 <= TARGETS.readP99Ms && clean(read),
    });
  }
  if (rawNats && results.readFloor) {
    const value = ratio(results.readFloor, rawNats);
    checks.push({
      target: `(diagnostic) the read's floor, the raw hop with a pg read by primary key, ≥ ${TARGETS.readVsRaw} × raw NATS hop`,
      value: `${value}×`,
      pass: value >= TARGETS.readVsRaw && clean(results.readFloor),
    });
  }
  if (results.readPaced) {
    const paced = results.readPaced;
    checks.push({
      target: `(diagnostic) read p99 ≤ ${TARGETS.readP99Ms} ms at a steady ${paced.targetRate} req/s`,
      value: `${paced.latencyMs.p99} ms`,
      pass: paced.latencyMs.p99 <= TARGETS.readP99Ms && clean(paced),
    });
  }
  if (results.readDirect && read) {
    const value = cpuRatio(read, results.readDirect);
    checks.push({
      target: `authenticated read ≥ ${TARGETS.readVsDirect} × the same read without HTTP authentication (CPU-normalised)`,
      value: `${value}× (req/s ratio ${ratio(read, results.readDirect)}×)`,
      pass: value !== null && value >= TARGETS.readVsDirect && clean(read),
    });
  }
  if (rawNats && write) {
    const value = ratio(write, rawNats);
    checks.push({
      target: `write ≥ ${TARGETS.writeVsRaw} × raw NATS hop`,
      value: `${value}×`,
      pass: value >= TARGETS.writeVsRaw && clean(write),
    });
  }
  if (rawNats && results.writeFloor) {
    const value = ratio(results.writeFloor, rawNats);
    checks.push({
      target: `(diagnostic) the write's floor, one INSERT statement behind node:http, ≥ ${TARGETS.writeVsRaw} × raw NATS hop`,
      value: `${value}×`,
      pass: value >= TARGETS.writeVsRaw && clean(results.writeFloor),
    });
  }
  return checks;
}

function orderVerdicts(results, clean) {
  const checks = [];
  const { orderCreate, orderRead, orderApprovals } = results;
  if (orderCreate && results.writeFloor) {
    const value = ratio(orderCreate, results.writeFloor);
    checks.push({
      target: `order create (three lines) ≥ ${ORDER_TARGETS.createVsWriteFloor} × writeFloor`,
      value: `${value}× (CPU-normalised ${cpuRatio(orderCreate, results.writeFloor)}×)`,
      pass: value >= ORDER_TARGETS.createVsWriteFloor && clean(orderCreate),
    });
  }
  if (orderRead && results.readFloor) {
    const value = ratio(orderRead, results.readFloor);
    checks.push({
      target: `order read ≥ ${ORDER_TARGETS.readVsReadFloor} × readFloor`,
      value: `${value}× (CPU-normalised ${cpuRatio(orderRead, results.readFloor)}×)`,
      pass: value >= ORDER_TARGETS.readVsReadFloor && clean(orderRead),
    });
  }
  if (orderApprovals) {
    const a = orderApprovals;
    checks.push({
      target: `${a.concurrency} concurrent approvals with one If-Match: one 200 and ${a.concurrency - 1} × 412, in each of ${a.rounds} rounds`,
      value: `${a.roundsExact} of ${a.rounds} rounds exact; statuses ${JSON.stringify(a.statusCodes)}`,
      pass: a.roundsExact === a.rounds && a.approvedOrders === a.rounds,
    });
  }
  return checks;
}

function customerVerdicts(results, clean) {
  const checks = [];
  const { customerCreate, customerList, customerImport, customerDeparture } = results;
  if (customerCreate && results.writeFloor) {
    const value = ratio(customerCreate, results.writeFloor);
    checks.push({
      target: `customer create ≥ ${CUSTOMER_TARGETS.createVsWriteFloor} × writeFloor`,
      value: `${value}× (CPU-normalised ${cpuRatio(customerCreate, results.writeFloor)}×)`,
      pass: value >= CUSTOMER_TARGETS.createVsWriteFloor && clean(customerCreate),
    });
  }
  if (customerList && results.readFloor) {
    const value = ratio(customerList, results.readFloor);
    checks.push({
      target: `masked list page of 50 customers ≥ ${CUSTOMER_TARGETS.listVsReadFloor} × readFloor`,
      value: `${value}× (CPU-normalised ${cpuRatio(customerList, results.readFloor)}×)`,
      pass: value >= CUSTOMER_TARGETS.listVsReadFloor && clean(customerList),
    });
  }
  if (customerImport) {
    const i = customerImport;
    const complete = i.status === 'completed' && i.processed === i.rows;
    checks.push({
      target: `import of ${i.rows} rows (2 % bad, 2 % duplicate) ≥ ${CUSTOMER_TARGETS.importVsFloor} × batched INSERTs over pg`,
      value: `${i.ratioToFloor}× (${i.rowsPerSecond} vs ${i.floor.rowsPerSecond} rows/s)`,
      pass: i.ratioToFloor >= CUSTOMER_TARGETS.importVsFloor && complete,
    });
    checks.push({
      target: `import of ${i.rows} rows completes in under ${CUSTOMER_TARGETS.importSeconds} s`,
      value: `${i.seconds} s (${i.status}; created ${i.created}, duplicates ${i.duplicates}, invalid ${i.invalid}${
        Object.keys(i.pollFailures).length
          ? `; polls failed: ${JSON.stringify(i.pollFailures)}`
          : ''
      })`,
      pass: i.seconds < CUSTOMER_TARGETS.importSeconds && complete,
    });
    checks.push({
      target: `GET /customers/imports/:id answers 2xx while the ${i.rows}-row import runs`,
      value: Object.keys(i.pollFailures).length
        ? `failed: ${JSON.stringify(i.pollFailures)} (then read from the table)`
        : `${i.polls} polls, all 2xx`,
      pass: Object.keys(i.pollFailures).length === 0,
    });
  }
  if (customerDeparture) {
    const d = customerDeparture;
    checks.push({
      target: `departure handing over ${d.customers} customers in under ${CUSTOMER_TARGETS.departureSeconds} s`,
      value: `${d.seconds} s (${d.status}; ${d.handedOver + 1} handed over, ${d.leftWithLeaver} left)`,
      pass:
        d.status === 200 &&
        d.seconds < CUSTOMER_TARGETS.departureSeconds &&
        d.leftWithLeaver === 0 &&
        d.handedOver + 1 === d.customers,
    });
  }
  return checks;
}

const LABELS = {
  bare: 'A. bare node:http (ceiling)',
  rawNats: 'B. Fastify → NATS → responder (raw hop)',
  health: 'gateway GET /health (diagnostic)',
  readDirect: 'same read without the gateway (members client, fixed caller)',
  readFloor: 'raw hop + the read by primary key over pg (floor, diag.)',
  read: 'GET /api/v1/members/:id (slice read)',
  readPaced: 'same read, open loop at half its max (diag.)',
  write: 'POST /api/v1/members (slice write)',
  writeFloor: 'same write as one SQL statement behind node:http (floor, diag.)',
  customerCreate: 'POST /api/v1/customers (seal, blind index, outbox)',
  customerList: 'GET /api/v1/customers?limit=50 (masked page of 50)',
  orderCreate: 'POST /api/v1/orders (three lines, reach check, outbox)',
  orderRead: 'GET /api/v1/orders/:id',
  ...PERFORMANCE_LABELS,
};

function markdown(report) {
  const lines = [];
  lines.push(`# SalesOps benchmark — ${report.startedAt}`, '');
  lines.push(
    `${report.machine.cpus} CPU(s), Node ${report.machine.node}, ${report.settings.connections} connections, ` +
      `${report.settings.warmupSeconds} s warm-up + ${report.settings.durationSeconds} s measured per phase, sequential. ` +
      `Total run: ${report.totalSeconds} s.`,
    '',
  );
  lines.push(
    '| Phase | req/s | p50 ms | p99 ms | max ms | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const phase of ALL_PHASES) {
    const r = report.results[phase];
    if (!r?.latencyMs) continue;
    lines.push(
      `| ${LABELS[phase]} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.non2xx} | ${r.errors} |`,
    );
  }
  lines.push('', '| Ratio | value |', '|---|---:|');
  for (const [name, value] of Object.entries(report.ratios))
    lines.push(`| ${name} | ${value ?? 'n/a'} |`);
  lines.push('', '| Target (from the issue) | measured | verdict |', '|---|---:|---|');
  for (const check of report.targets)
    lines.push(`| ${check.target} | ${check.value} | ${check.pass ? 'PASS' : 'FAIL'} |`);
  lines.push(
    '',
    '## CPU during each measured phase (% of one core; the machine has ' +
      `${report.machine.cpus * 100}%)`,
    '',
  );
  for (const phase of ALL_PHASES) {
    const r = report.results[phase];
    if (!r?.cpuPercentOfOneCore) continue;
    const parts = Object.entries(r.cpuPercentOfOneCore)
      .filter(([, value]) => value !== null && value >= 1)
      .sort((a, b) => b[1] - a[1])
      .map(([name, value]) => `${name} ${value}%`);
    const m = r.machine;
    const machine = m
      ? ` — machine ${m.busyPercent}% busy: this benchmark ${m.thisBenchmarkPercent}%, interrupts ` +
        `${m.interruptsPercent}%, **other processes ${m.otherProcessesPercent}%**` +
        (Object.keys(m.topOtherProcesses).length
          ? ` (${Object.entries(m.topOtherProcesses)
              .map(([comm, value]) => `${comm} ${value}%`)
              .join(', ')})`
          : '') +
        `; load ${m.loadAverage1m}`
      : '';
    lines.push(`- **${phase}**: ${parts.join(', ')}${machine}`);
    const perRequest = Object.entries(r.cpuMsPerRequest ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => `${name} ${ms}`);
    if (perRequest.length) {
      lines.push(
        `  - CPU ms per request: **${report.cpuMsPerRequestTotal[phase]} in all**: ${perRequest.join(', ')}`,
      );
    }
  }
  const timed = ALL_PHASES.filter((phase) => report.results[phase]?.serviceTimings?.length);
  if (timed.length) {
    lines.push('', "## Where the time goes (services' own histograms, mean per request)", '');
    lines.push(
      '| Phase | process | metric | series | count | mean ms |',
      '|---|---|---|---|---:|---:|',
    );
    for (const phase of timed) {
      for (const t of report.results[phase].serviceTimings) {
        lines.push(
          `| ${phase} | ${t.process} | ${t.metric} | ${t.series} | ${t.count} | ${t.meanMs} |`,
        );
      }
    }
  }
  if (report.write) {
    lines.push(
      '',
      `Write check: ${report.write.created201} × 201 seen by the load generator (warm-up + measured); ${report.write.members} member rows ` +
        `(up to 2 × ${report.settings.connections} more than the 201s: requests in flight when autocannon stops are committed but never counted), ` +
        `${report.write.outboxRows} member.hired outbox rows ${report.write.outboxRows === report.write.members ? '(one per member ✔)' : '(**not one per member ✘**)'}; ` +
        `${report.write.unpublished} unpublished after the run` +
        (report.write.drainSeconds !== null
          ? ` (relay caught up ${report.write.drainSeconds} s after the load stopped).`
          : ' (relay had not caught up after 15 s).'),
    );
  }
  const imported = report.results.customerImport;
  const departed = report.results.customerDeparture;
  if (imported || departed || report.customerCreate) {
    lines.push('', '## Customers (issue 12)', '');
    if (report.customerCreate) {
      const c = report.customerCreate;
      lines.push(
        `- Create check: ${c.created201} × 201 seen; ${c.customers} customers with a blind index, ` +
          `${c.outboxRows} customer.created outbox rows in all.`,
      );
    }
    if (imported) {
      lines.push(
        `- Import: ${imported.rows} rows in ${imported.seconds} s (upload and hand-over ${imported.uploadSeconds} s), ` +
          `**${imported.rowsPerSecond} rows/s**, ${imported.status}: created ${imported.created}, duplicates ` +
          `${imported.duplicates}, invalid ${imported.invalid}; ${imported.polls} polls` +
          (Object.keys(imported.pollFailures).length
            ? `, failed: ${JSON.stringify(imported.pollFailures)}`
            : '') +
          `. Floor: ${imported.floor.rows} prepared rows (customer + outbox row) as batched INSERTs of 500 ` +
          `in ${imported.floor.seconds} s, ${imported.floor.rowsPerSecond} file rows/s; ratio **${imported.ratioToFloor}×**.`,
      );
    }
    if (departed) {
      lines.push(
        `- Departure: ${departed.status} after **${departed.seconds} s**; ${departed.handedOver + 1} of ` +
          `${departed.customers} customers with the successor, ${departed.leftWithLeaver} left with the leaver.`,
      );
    }
  }
  const approvals = report.results.orderApprovals;
  if (report.orderCreate || approvals) {
    lines.push('', '## Orders (issue 13)', '');
    if (report.orderCreate) {
      const c = report.orderCreate;
      lines.push(
        `- Create check: ${c.created201} × 201 seen; ${c.orders} bench orders with ${c.lines} lines, ` +
          `${c.outboxRows} orders outbox rows in all (events.md has no event for a draft: the ` +
          'first is orders.order.submitted).',
      );
    }
    if (approvals) {
      lines.push(
        `- Approvals: ${approvals.rounds} orders, each submitted then approved by ${approvals.concurrency} ` +
          `concurrent requests with the same If-Match: **${approvals.roundsExact} of ${approvals.rounds} rounds** ` +
          `gave exactly one 200 and ${approvals.concurrency - 1} × 412; all statuses ${JSON.stringify(approvals.statusCodes)}; ` +
          `${approvals.approvedOrders} orders approved afterwards; a round took ${approvals.roundMs.p50} ms (p50), ` +
          `${approvals.roundMs.max} ms (max).`,
      );
    }
  }
  lines.push(...performanceMarkdown(report), ...departmentMarkdown(report));
  if (report.logFindings.length) {
    lines.push('', '## Warnings and errors the processes logged (LOG_LEVEL=warn)', '');
    for (const finding of report.logFindings)
      lines.push(`- ${finding.process}: ${finding.count} × ${finding.sample}`);
  } else {
    lines.push('', 'No process logged a warning or an error during the run.');
  }
  lines.push('', 'How to read this: bench/README.md.', '');
  return lines.join('\n');
}

function printTable(report) {
  const rows = [['phase', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors']];
  for (const phase of ALL_PHASES) {
    const r = report.results[phase];
    if (r?.latencyMs)
      rows.push(
        [
          LABELS[phase],
          r.requestsPerSecond,
          r.latencyMs.p50,
          r.latencyMs.p99,
          r.non2xx,
          r.errors,
        ].map(String),
      );
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  const line = (row) =>
    row
      .map((cell, i) =>
        i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]),
      )
      .join('  ');
  console.log('');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
  for (const [name, value] of Object.entries(report.ratios))
    console.log(`${name.padEnd(22)} ${value ?? 'n/a'}`);
  console.log('');
  for (const check of report.targets)
    console.log(`${check.pass ? 'PASS' : 'FAIL'}  ${check.target}: ${check.value}`);
  console.log('');
}

/** warn/error lines in the processes' logs, grouped by message. */
async function logFindings() {
  const { readFileSync, existsSync } = await import('node:fs');
  const findings = [];
  for (const name of [
    'nats-server',
    ...SERVICES,
    'bare-http',
    'nats-front',
    'nats-echo',
    'members-direct',
    'insert-floor',
    'nats-pg-responder',
    'performance.1',
    'ack-only',
    'sse-clients',
    'webhook-receiver',
  ]) {
    const file = join(LOG_DIR, `${name}.log`);
    if (!existsSync(file)) continue;
    const counts = new Map();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let key;
      try {
        const entry = JSON.parse(line);
        if (!['warn', 'error', 'fatal'].includes(entry.level)) continue;
        key =
          `[${entry.level}] ${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`
            .replace(/\s+/g, ' ')
            .slice(0, 240);
      } catch {
        if (
          !(name === 'nats-server' ? /\[(ERR|WRN|FTL)\]/ : /error|warn|fatal|exception/i).test(line)
        )
          continue;
        key = line.replace(/^\[\d+\] [\d/: .]+/, '').slice(0, 240);
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [sample, count] of counts) findings.push({ process: name, count, sample });
  }
  return findings;
}

/** For each profiled process: the summary command restricted to each measured phase. */
function profileCommands() {
  const commands = {};
  for (const service of PROFILED) {
    if (spawnedAt[service] === undefined) continue;
    const file = relative(ROOT, join(PROFILE_DIR, `${service}.${stamp()}.cpuprofile`));
    for (const [phase, { start, end }] of Object.entries(phaseWindows)) {
      const from = ((start - spawnedAt[service]) / 1000).toFixed(1);
      const to = ((end - spawnedAt[service]) / 1000).toFixed(1);
      commands[`${service} during ${phase}`] =
        `node bench/lib/profile-summary.mjs ${file} --window ${from}:${to}`;
    }
  }
  return commands;
}

// ---------------------------------------------------------------------------------------------
// Customers (issue 12)

/** A Chinese mobile number, unique per (prefix, n): 1 + two digits + n on 8 digits. */
const mobile = (prefix, n) => `${prefix}${String(n).padStart(8, '0')}`;

/** Runs `task(i)` for i in [0, count) with at most `width` at a time. */
async function pool(count, width, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Creates a customer for `ownerId` once the customers service knows that member (an event). */
async function firstCustomerOf(base, token, ownerId, phone) {
  return waitFor(
    async () => {
      const response = await fetch(`${base}/api/v1/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench First', phone, channel: 'phone', ownerId }),
      });
      if (response.status === 201) return true;
      const text = await response.text();
      if (!text.includes('CUSTOMER_OWNER_INVALID'))
        throw new Error(`POST /customers → ${response.status}: ${text.slice(0, 300)}`);
      return false;
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `customers to know member ${ownerId}` },
  );
}

/** The CSV of the import phase: 2 % of rows with a bad phone, 2 % repeating the row before's. */
function importCsv(ownerId, rows) {
  const lines = ['name,phone,channel,intent,ownerId'];
  const prepared = [];
  for (let row = 1; row <= rows; row += 1) {
    let phone = mobile(137, row);
    if (row % 50 === 0) phone = '12345';
    else if (row % 50 === 25) phone = mobile(137, row - 1);
    else prepared.push({ row, phone: `+86${phone}` });
    lines.push(`Import ${row},${phone},online,B,${ownerId}`);
  }
  return { csv: `${lines.join('\n')}\n`, prepared };
}

/**
 * The import's floor: the same well-formed, unique rows, prepared as the service stores them
 * (sealed phone, blind index, outbox row), written by batched INSERTs over pg, 500 rows a
 * statement and transaction, into copies of the customers tables.
 */
async function importFloor(prepared, { teamId, ownerId }) {
  const client = new pg.Client({ connectionString: `${PG_BASE}/${DATABASE}` });
  await client.connect();
  const key = randomBytes(32);
  try {
    await client.query(`DROP SCHEMA IF EXISTS bench_floor CASCADE; CREATE SCHEMA bench_floor;
      CREATE TABLE bench_floor.customer (LIKE customers.customer INCLUDING ALL);
      CREATE TABLE bench_floor.outbox_event (LIKE customers.outbox_event INCLUDING ALL);`);
    const started = performance.now();
    for (let at = 0; at < prepared.length; at += 500) {
      const batch = prepared.slice(at, at + 500);
      const ids = batch.map(() => randomUUID());
      const phones = batch.map(({ phone }) =>
        createHmac('sha256', key).update(`seal ${phone}`).digest('base64'),
      );
      const indexes = batch.map(({ phone }) =>
        createHmac('sha256', key).update(phone).digest('hex'),
      );
      const envelopes = batch.map(({ row }, i) =>
        JSON.stringify({ id: ids[i], type: 'customers.customer.created', row, ownerId, teamId }),
      );
      await client.query(
        `WITH rows AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
             AS r(id, name, phone, idx, envelope)),
         created AS (
           INSERT INTO bench_floor.customer (id, type, name, phone, "phoneIndex", channel, intent,
             tags, "ownerId", "teamId", stage, "registeredBy", "registeredTeamId", "updatedAt")
           SELECT id, 'individual', name, phone, idx, 'online', 'B', '{}', $6::uuid, $7::uuid,
             'lead', $6, $7::uuid, now() FROM rows)
         INSERT INTO bench_floor.outbox_event (id, type, subject, envelope)
         SELECT gen_random_uuid(), 'customers.customer.created', id::text, envelope FROM rows`,
        [ids, batch.map(({ row }) => `Import ${row}`), phones, indexes, envelopes, ownerId, teamId],
      );
    }
    const seconds = (performance.now() - started) / 1000;
    await client.query('DROP SCHEMA bench_floor CASCADE');
    return { rows: prepared.length, seconds: round(seconds, 2) };
  } finally {
    await client.end();
  }
}

async function customerPhases({ base, ports, data, auth, results, extra }) {
  const wanted = ['customerCreate', 'customerList', 'customerImport', 'customerDeparture'];
  if (!PHASES.some((phase) => wanted.includes(phase))) return;
  const metricsFrom = [
    { name: 'gateway', port: ports.gateway.ops },
    { name: 'customers', port: ports.customers.ops },
  ];
  const json = { ...auth, 'content-type': 'application/json' };
  // The director registers for the seeded rep: once customers has heard of the rep's hire.
  await firstCustomerOf(base, data.token, data.memberId, mobile(135, 0));

  if (PHASES.includes('customerCreate')) {
    let counter = 0;
    let created = 0;
    results.customerCreate = await measure('customerCreate', {
      url: base,
      metricsFrom,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/customers',
          headers: json,
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({
              name: `Bench ${++counter}`,
              phone: mobile(139, counter),
              channel: 'phone',
              intent: 'B',
              ownerId: data.memberId,
            }),
          }),
          onResponse: (status) => {
            if (status === 201) created += 1;
          },
        },
      ],
    });
    const [rows] = await sql(
      `SELECT count(*)::int AS customers,
              (SELECT count(*)::int FROM customers.outbox_event
                WHERE type = 'customers.customer.created') AS "outboxRows"
         FROM customers.customer WHERE "phoneIndex" IS NOT NULL AND name LIKE 'Bench %'`,
    );
    extra.customerCreate = { created201: created, ...rows };
  }

  if (PHASES.includes('customerList')) {
    // A page needs 50 customers: the create phase made thousands; a run without it makes them.
    const [{ n }] = await sql('SELECT count(*)::int AS n FROM customers.customer');
    await pool(Math.max(0, 50 - n), 10, (i) =>
      api(base, 'POST', '/api/v1/customers', {
        token: data.token,
        body: {
          name: `List ${i}`,
          phone: mobile(134, i),
          channel: 'phone',
          ownerId: data.memberId,
        },
      }),
    );
    const page = await api(base, 'GET', '/api/v1/customers?limit=50', { token: data.token });
    if (page.items?.length !== 50 || !/\*/.test(page.items[0]?.phone ?? ''))
      throw new Error('GET /api/v1/customers?limit=50 did not give 50 masked customers');
    extra.customerPageBytes = JSON.stringify(page).length;
    results.customerList = await measure('customerList', {
      url: base,
      metricsFrom,
      requests: [{ method: 'GET', path: '/api/v1/customers?limit=50', headers: auth }],
    });
  }

  if (PHASES.includes('customerImport')) {
    const { csv, prepared } = importCsv(data.memberId, IMPORT_ROWS);
    log(`customerImport: ${IMPORT_ROWS} rows (${csv.length} bytes), 2 % bad, 2 % duplicate`);
    const cpuBefore = cpuSnapshot();
    const metricsBefore = await scrapeAll(metricsFrom);
    const windowStart = Date.now();
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/customers/import`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: csv,
    });
    const accepted = await response.json();
    if (response.status !== 202)
      throw new Error(`POST /customers/import → ${response.status}: ${JSON.stringify(accepted)}`);
    const uploadedSeconds = (performance.now() - started) / 1000;
    log(`customerImport: job ${accepted.id} accepted after ${round(uploadedSeconds, 1)} s`);
    let job = accepted;
    let polls = 0;
    const pollFailures = {};
    const deadline = Date.now() + 10 * 60_000;
    // Once the route fails (a report too large for one bus message, say), completion is read from
    // the table instead: the failures are reported, and failing polls do not load the service.
    let viaDatabase = false;
    while (job.status !== 'completed' && Date.now() < deadline) {
      // Each poll reads the whole per-row report: not so often that polling is the load.
      await sleep(1000);
      polls += 1;
      if (viaDatabase) {
        const [row] = await sql(
          `SELECT i.status, i.total,
                  count(*) FILTER (WHERE r.status = 'created')::int AS created,
                  count(*) FILTER (WHERE r.status = 'duplicate')::int AS duplicates,
                  count(*) FILTER (WHERE r.status = 'invalid')::int AS invalid,
                  count(*) FILTER (WHERE r.status <> 'pending')::int AS processed
             FROM customers.customer_import i
             JOIN customers.customer_import_row r ON r."importId" = i.id
            WHERE i.id = $1 GROUP BY i.id`,
          [accepted.id],
        );
        job = row;
      } else {
        const poll = await fetch(`${base}/api/v1/customers/imports/${accepted.id}`, {
          headers: auth,
        });
        const text = await poll.text();
        if (poll.ok) job = JSON.parse(text);
        else {
          pollFailures[poll.status] = (pollFailures[poll.status] ?? 0) + 1;
          log(`customerImport: GET /customers/imports/:id → ${poll.status}; polling the table`);
          viaDatabase = true;
        }
      }
      if (polls % 10 === 0)
        log(`customerImport: ${job.status}, ${job.processed ?? '?'} of ${job.total} processed`);
    }
    // From the request to the job's completedAt, not to the poll that saw it (same machine clock).
    const [{ completedAt }] = await sql(
      `SELECT "completedAt" FROM customers.customer_import WHERE id = $1`,
      [accepted.id],
    );
    const seconds = ((completedAt ? completedAt.getTime() : Date.now()) - windowStart) / 1000;
    const cpuAfter = cpuSnapshot();
    phaseWindows.customerImport = { start: windowStart, end: Date.now() };
    const metricsAfter = await scrapeAll(metricsFrom);
    const share = cpuUse(cpuBefore, cpuAfter);
    log('customerImport: the same rows as batched INSERTs over pg (floor)');
    const floor = await importFloor(prepared, { teamId: data.teamId, ownerId: data.memberId });
    const rowsPerSecond = round(IMPORT_ROWS / seconds, 0);
    const floorRowsPerSecond = round(IMPORT_ROWS / floor.seconds, 0);
    results.customerImport = {
      phase: 'customerImport',
      rows: IMPORT_ROWS,
      status: job.status,
      created: job.created,
      duplicates: job.duplicates,
      invalid: job.invalid,
      processed: job.processed,
      reportRows: job.rows?.length ?? null,
      seconds: round(seconds, 1),
      uploadSeconds: round(uploadedSeconds, 1),
      rowsPerSecond,
      polls,
      pollFailures,
      floor: { ...floor, rowsPerSecond: floorRowsPerSecond },
      ratioToFloor: round(rowsPerSecond / floorRowsPerSecond, 3),
      cpuPercentOfOneCore: share,
      machine: machineUse(cpuBefore, cpuAfter, share),
      serviceTimings: histogramDeltas(metricsBefore, metricsAfter),
    };
    log(
      `customerImport: ${job.status} in ${round(seconds, 1)} s (${rowsPerSecond} rows/s; ` +
        `created ${job.created}, duplicates ${job.duplicates}, invalid ${job.invalid}); ` +
        `floor ${floor.seconds} s (${floorRowsPerSecond} rows/s)`,
    );
  }

  if (PHASES.includes('customerDeparture')) {
    const suffix = randomBytes(3).toString('hex');
    const departing = (n) =>
      hire(base, data.token, data.teamId, `dep-${suffix}-${n}`, `Bench Departing ${n}`);
    const [leaving, successor] = [await departing(1), await departing(2)];
    await firstCustomerOf(base, data.token, leaving.id, mobile(133, 0));
    await firstCustomerOf(base, data.token, successor.id, mobile(132, 0));
    log(`customerDeparture: registering ${DEPARTURE_CUSTOMERS} customers for the leaving rep`);
    await pool(DEPARTURE_CUSTOMERS - 1, 25, (i) =>
      api(base, 'POST', '/api/v1/customers', {
        token: data.token,
        body: {
          name: `Held ${i}`,
          phone: mobile(133, i + 1),
          channel: 'phone',
          ownerId: leaving.id,
        },
      }),
    );
    const cpuBefore = cpuSnapshot();
    const metricsBefore = await scrapeAll(metricsFrom);
    const windowStart = Date.now();
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/members/${leaving.id}/depart`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ reason: 'bench', reasonKind: 'resigned', handoverTo: successor.id }),
    });
    const text = await response.text();
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuSnapshot();
    phaseWindows.customerDeparture = { start: windowStart, end: Date.now() };
    const metricsAfter = await scrapeAll(metricsFrom);
    const share = cpuUse(cpuBefore, cpuAfter);
    const [held] = await sql(
      `SELECT count(*) FILTER (WHERE "ownerId" = $1)::int AS "leftWithLeaver",
              count(*) FILTER (WHERE "ownerId" = $2 AND name LIKE 'Held %')::int AS "handedOver"
         FROM customers.customer WHERE "ownerId" IN ($1, $2)`,
      [leaving.id, successor.id],
    );
    results.customerDeparture = {
      phase: 'customerDeparture',
      customers: DEPARTURE_CUSTOMERS,
      status: response.status,
      body: response.ok ? undefined : text.slice(0, 500),
      seconds: round(seconds, 2),
      ...held,
      cpuPercentOfOneCore: share,
      machine: machineUse(cpuBefore, cpuAfter, share),
      serviceTimings: histogramDeltas(metricsBefore, metricsAfter),
    };
    log(
      `customerDeparture: ${response.status} after ${round(seconds, 2)} s; handed over ` +
        `${held.handedOver + 1} customers, ${held.leftWithLeaver} left with the leaver`,
    );
  }
}

async function orderPhases({ base, ports, data, results, extra }) {
  const wanted = ['orderCreate', 'orderRead', 'orderApprovals'];
  if (!PHASES.some((phase) => wanted.includes(phase))) return;
  const metricsFrom = [
    { name: 'gateway', port: ports.gateway.ops },
    { name: 'orders', port: ports.orders.ops },
  ];
  // The seeded member is the rep; a leader of the same team approves; operations lists products.
  const rep = await benchUser({ base, sql }, ['sales_rep'], data.memberId, data.teamId);
  const leader = await benchUser({ base, sql }, ['team_leader'], null, data.teamId);
  const operations = await benchUser({ base, sql }, ['operations'], null, data.teamId);
  const products = [];
  for (const [i, price] of ['1999.00', '349.50', '89.90'].entries()) {
    const { status, body } = await call(base, 'POST', '/api/v1/products', operations, {
      body: {
        sku: `BENCH-${i}-${randomUUID().slice(0, 6)}`,
        name: `Bench product ${i}`,
        category: 'home',
        listPrice: price,
        floorPrice: price,
        unitCost: '10.00',
      },
    });
    if (status !== 201) throw new Error(`POST /products → ${status}: ${JSON.stringify(body)}`);
    products.push(body.id);
  }
  // The customer, once customers has heard of the rep's hire; orders asks customers for its reach.
  let customer;
  await waitFor(
    async () => {
      const { status, body } = await call(base, 'POST', '/api/v1/customers', rep, {
        body: { name: 'Bench Buyer', phone: mobile(137, 0), channel: 'phone' },
      });
      if (status === 201) return (customer = body);
      if (!JSON.stringify(body).includes('CUSTOMER_OWNER_INVALID'))
        throw new Error(`POST /customers → ${status}: ${JSON.stringify(body).slice(0, 300)}`);
      return undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `customers to know member ${data.memberId}` },
  );
  // At list price: no discount approval needed, so every order can be submitted.
  const orderBody = JSON.stringify({
    customerId: customer.id,
    lines: products.map((productId, i) => ({ productId, quantity: i + 1 })),
  });
  const createOrder = async () => {
    const { status, body } = await call(base, 'POST', '/api/v1/orders', rep, {
      body: JSON.parse(orderBody),
    });
    if (status !== 201) throw new Error(`POST /orders → ${status}: ${JSON.stringify(body)}`);
    return body;
  };
  const repJson = { authorization: `Bearer ${rep}`, 'content-type': 'application/json' };

  if (PHASES.includes('orderCreate')) {
    let created = 0;
    results.orderCreate = await measure('orderCreate', {
      url: base,
      metricsFrom,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/orders',
          headers: repJson,
          body: orderBody,
          onResponse: (status) => {
            if (status === 201) created += 1;
          },
        },
      ],
    });
    const [rows] = await sql(
      `SELECT count(*)::int AS orders,
              (SELECT count(*)::int FROM orders.order_line) AS lines,
              (SELECT count(*)::int FROM orders.outbox_event) AS "outboxRows"
         FROM orders."order"`,
    );
    extra.orderCreate = { created201: created, ...rows };
  }

  if (PHASES.includes('orderRead')) {
    const order = await createOrder();
    const read = await call(base, 'GET', `/api/v1/orders/${order.id}`, rep);
    if (read.status !== 200 || read.body.id !== order.id || read.body.lines?.length !== 3)
      throw new Error(`GET /api/v1/orders/:id → ${read.status}: ${JSON.stringify(read.body)}`);
    extra.orderReplyBytes = JSON.stringify(read.body).length;
    results.orderRead = await measure('orderRead', {
      url: base,
      metricsFrom,
      requests: [
        {
          method: 'GET',
          path: `/api/v1/orders/${order.id}`,
          headers: { authorization: `Bearer ${rep}` },
        },
      ],
    });
  }

  if (PHASES.includes('orderApprovals')) {
    const { approvalRounds: rounds, approvalsPerRound: concurrency } = ORDER_TARGETS;
    const statusCodes = {};
    const roundMs = [];
    const ids = [];
    let roundsExact = 0;
    const windowStart = Date.now();
    for (let attempt = 0; attempt < rounds; attempt += 1) {
      const draft = await createOrder();
      const submitted = await call(base, 'POST', `/api/v1/orders/${draft.id}/submit`, rep, {
        body: {},
        ifMatch: draft.version,
      });
      if (submitted.status !== 200)
        throw new Error(
          `POST /orders/:id/submit → ${submitted.status}: ${JSON.stringify(submitted.body)}`,
        );
      ids.push(draft.id);
      const started = performance.now();
      const statuses = await Promise.all(
        Array.from({ length: concurrency }, () =>
          call(base, 'POST', `/api/v1/orders/${draft.id}/approve`, leader, {
            body: {},
            ifMatch: submitted.body.version,
          }).then(({ status }) => status),
        ),
      );
      roundMs.push(performance.now() - started);
      for (const status of statuses) statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      const ok = statuses.filter((status) => status === 200).length;
      const stale = statuses.filter((status) => status === 412).length;
      if (ok === 1 && stale === concurrency - 1) roundsExact += 1;
    }
    phaseWindows.orderApprovals = { start: windowStart, end: Date.now() };
    const [{ approved }] = await sql(
      `SELECT count(*)::int AS approved FROM orders."order" WHERE id = ANY($1::uuid[]) AND status = 'approved'`,
      [ids],
    );
    const { p50, max } = percentiles(roundMs);
    results.orderApprovals = {
      phase: 'orderApprovals',
      rounds,
      concurrency,
      roundsExact,
      approvedOrders: approved,
      statusCodes,
      roundMs: { p50: round(p50, 0), max: round(max, 0) },
    };
    log(
      `orderApprovals: ${roundsExact} of ${rounds} rounds exact (one 200, ${concurrency - 1} × 412); ` +
        `statuses ${JSON.stringify(statusCodes)}; ${approved} orders approved`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The run

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'salesops-bench-'));
  const results = {};
  const extra = {};

  log(
    `phases: ${PHASES.join(', ')}; ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s each`,
  );
  const natsUrl = await startNatsServer();
  log(`nats-server on ${natsUrl} (JetStream in ${tmp})`);

  if (PHASES.includes('bare')) {
    const port = await freePort();
    const server = await startHelper('bare-http', 'bare-http.mjs', { PORT: String(port) });
    results.bare = await measure('bare', { url: `http://127.0.0.1:${port}/` });
    await server.stop();
  }

  if (PHASES.includes('rawNats')) {
    const port = await freePort();
    const echo = await startHelper('nats-echo', 'nats-echo.mjs', { NATS_URL: natsUrl });
    const front = await startHelper('nats-front', 'nats-front.mjs', {
      NATS_URL: natsUrl,
      PORT: String(port),
    });
    results.rawNats = await measure('rawNats', {
      url: `http://127.0.0.1:${port}/members/6f1c0f7e-2b7a-4c1e-9a53-0d6c2f7a9b10`,
    });
    await Promise.all([front.stop(), echo.stop()]);
  }

  if (PHASES.some((phase) => STACK_PHASES.includes(phase))) {
    log(`resetting database ${DATABASE} and applying migrations`);
    await resetDatabase();
    log('starting members, customers, orders, training, performance and gateway');
    const { ports, stopService, startService } = await startStack(natsUrl);
    const base = `http://127.0.0.1:${ports.gateway.http}`;
    log(`stack ready; gateway on ${base}`);
    const data = await seed(base);
    extra.memberReplyBytes = data.memberBytes;
    const metricsFrom = [
      { name: 'gateway', port: ports.gateway.ops },
      { name: 'members', port: ports.members.ops },
    ];
    const auth = { authorization: `Bearer ${data.token}` };

    if (PHASES.includes('health')) {
      results.health = await measure('health', { url: `${base}/health`, metricsFrom });
    }
    if (PHASES.includes('readDirect')) {
      const port = await freePort();
      const direct = await startHelper('members-direct', 'members-direct.mjs', {
        NATS_URL: natsUrl,
        PORT: String(port),
        IDENTITY_PRIVATE_KEY: IDENTITY_KEYS.IDENTITY_PRIVATE_KEY,
        IDENTITY: JSON.stringify(data.identity),
      });
      results.readDirect = await measure('readDirect', {
        url: `http://127.0.0.1:${port}/members/${data.memberId}`,
        metricsFrom,
      });
      await direct.stop();
    }
    if (PHASES.includes('readFloor')) {
      const port = await freePort();
      const responder = await startHelper('nats-pg-responder', 'nats-pg-responder.mjs', {
        NATS_URL: natsUrl,
        DATABASE_URL: `${PG_BASE}/${DATABASE}`,
      });
      const front = await startHelper('nats-front', 'nats-front.mjs', {
        NATS_URL: natsUrl,
        PORT: String(port),
        SUBJECT: 'bench.member',
      });
      results.readFloor = await measure('readFloor', {
        url: `http://127.0.0.1:${port}/members/${data.memberId}`,
      });
      await Promise.all([front.stop(), responder.stop()]);
    }
    if (PHASES.includes('read')) {
      results.read = await measure('read', {
        url: base,
        metricsFrom,
        requests: [{ method: 'GET', path: `/api/v1/members/${data.memberId}`, headers: auth }],
      });
    }
    if (PHASES.includes('readPaced')) {
      // Closed loop at 50 connections, latency is 50 / throughput (Little's law): a saturated
      // run says little about latency under normal load. Here the same read, open loop, at a
      // steady rate (half of what the saturated run reached, or BENCH_PACED_RATE), latency
      // counted from when each request was due: the latency the stack gives when it is not the
      // bottleneck.
      const rate = Number(
        process.env.BENCH_PACED_RATE ??
          Math.max(10, Math.round((results.read?.requestsPerSecond ?? 200) / 2)),
      );
      results.readPaced = await measure('readPaced', {
        url: base,
        metricsFrom,
        paced: rate,
        requests: [{ method: 'GET', path: `/api/v1/members/${data.memberId}`, headers: auth }],
      });
      results.readPaced.targetRate = rate;
    }
    if (PHASES.includes('write')) {
      const prefix = `b${randomBytes(3).toString('hex')}`;
      let counter = 0;
      let created = 0;
      const body = () =>
        JSON.stringify(
          memberInput(data.teamId, `${prefix}-${(++counter).toString(36)}`, `Bench ${counter}`),
        );
      results.write = await measure('write', {
        url: base,
        metricsFrom,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/members',
            headers: { ...auth, 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: body() }),
            onResponse: (status) => {
              if (status === 201) created += 1;
            },
          },
        ],
      });
      log('write: checking rows and waiting for the outbox relay to publish them');
      const counts = await waitForOutboxDrain(prefix);
      // Warm-up writes count too: every 201 (warm-up and measured) must be one member + one event.
      extra.write = { created201: created, ...counts };
    }
    if (PHASES.includes('writeFloor')) {
      const port = await freePort();
      const floor = await startHelper('insert-floor', 'insert-floor.mjs', {
        PORT: String(port),
        DATABASE_URL: `${PG_BASE}/${DATABASE}`,
      });
      const prefix = `f${randomBytes(3).toString('hex')}`;
      let counter = 0;
      results.writeFloor = await measure('writeFloor', {
        url: `http://127.0.0.1:${port}`,
        requests: [
          {
            method: 'POST',
            path: '/members',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify(
                memberInput(data.teamId, `${prefix}-${(++counter).toString(36)}`, 'Floor'),
              ),
            }),
          },
        ],
      });
      await floor.stop();
    }
    await customerPhases({ base, ports, data, auth, results, extra });
    await orderPhases({ base, ports, data, results, extra });
    let director;
    const phaseContext = {
      ...{ PHASES, base, ports, natsUrl, data, results, shared: {}, phaseWindows },
      // Signed in when the first of these phases needs it: the seed's token (15 minutes) may have
      // expired by then.
      director: () => (director ??= benchUser({ base, sql }, ['director'])),
      ...{ pool, log, measure, startHelper, stopService, startService },
      ...{ cpuSnapshot, cpuUse, machineUse, sql, databaseUrl: `${PG_BASE}/${DATABASE}` },
    };
    await performancePhases(phaseContext);
    await departmentPhases(phaseContext);
  }

  log('stopping all processes');
  await cleanup();

  const totalSeconds = round((Date.now() - startedAt) / 1000, 0);
  const report = {
    startedAt: startedAt.toISOString(),
    totalSeconds,
    machine: {
      cpus: cpus().length,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    settings: {
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      warmupSeconds: WARMUP_S,
      pipelining: 1,
      phases: PHASES,
    },
    results,
    ratios: {
      'read / rawNats': ratio(results.read, results.rawNats),
      'write / rawNats': ratio(results.write, results.rawNats),
      'rawNats / bareHttp': ratio(results.rawNats, results.bare),
      'health / bareHttp': ratio(results.health, results.bare),
      'read / health': ratio(results.read, results.health),
      'read / readDirect': ratio(results.read, results.readDirect),
      'read / readDirect, CPU-normalised': cpuRatio(results.read, results.readDirect),
      'read / rawNats, CPU-normalised': cpuRatio(results.read, results.rawNats),
      'write / rawNats, CPU-normalised': cpuRatio(results.write, results.rawNats),
      'readFloor / rawNats': ratio(results.readFloor, results.rawNats),
      'read / readFloor': ratio(results.read, results.readFloor),
      // What each phase would reach alone on the machine: steadier when others share it.
      'read / readFloor, CPU-normalised': cpuRatio(results.read, results.readFloor),
      'writeFloor / rawNats': ratio(results.writeFloor, results.rawNats),
      'write / writeFloor': ratio(results.write, results.writeFloor),
      'write / writeFloor, CPU-normalised': cpuRatio(results.write, results.writeFloor),
      'customerCreate / writeFloor': ratio(results.customerCreate, results.writeFloor),
      'customerCreate / writeFloor, CPU-normalised': cpuRatio(
        results.customerCreate,
        results.writeFloor,
      ),
      'customerList / readFloor': ratio(results.customerList, results.readFloor),
      'customerList / readFloor, CPU-normalised': cpuRatio(results.customerList, results.readFloor),
      'orderCreate / writeFloor': ratio(results.orderCreate, results.writeFloor),
      'orderCreate / writeFloor, CPU-normalised': cpuRatio(results.orderCreate, results.writeFloor),
      'orderRead / readFloor': ratio(results.orderRead, results.readFloor),
      'orderRead / readFloor, CPU-normalised': cpuRatio(results.orderRead, results.readFloor),
    },
    cpuMsPerRequestTotal: Object.fromEntries(
      Object.entries(results).map(([phase, r]) => [phase, cpuPerRequest(r)]),
    ),
    targets: verdicts(results),
    write: extra.write ?? null,
    customerCreate: extra.customerCreate ?? null,
    customerPageBytes: extra.customerPageBytes ?? null,
    orderCreate: extra.orderCreate ?? null,
    orderReplyBytes: extra.orderReplyBytes ?? null,
    memberReplyBytes: extra.memberReplyBytes ?? null,
    logFindings: await logFindings(),
    profiles: PROFILED.size ? profileCommands() : null,
  };

  mkdirSync(RESULTS_DIR, { recursive: true });
  const complete = ALL_PHASES.every((phase) => PHASES.includes(phase)) && PROFILED.size === 0;
  const jsonFile = join(RESULTS_DIR, `${stamp()}${complete ? '' : '.partial'}.json`);
  writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
  // latest.md is the reference: a partial or profiled run (profiling slows the processes) writes
  // latest-partial.md instead.
  const mdFile = join(RESULTS_DIR, complete ? 'latest.md' : 'latest-partial.md');
  writeFileSync(mdFile, markdown(report));
  printTable(report);
  if (report.logFindings.length) {
    console.log('Warnings/errors logged by the processes:');
    for (const finding of report.logFindings)
      console.log(`  ${finding.process}: ${finding.count} × ${finding.sample}`);
    console.log('');
  }
  if (report.profiles) {
    console.log('CPU profiles, summarised over each measured phase:');
    for (const [what, command] of Object.entries(report.profiles))
      console.log(`  ${what}: ${command}`);
    console.log('');
  }
  console.log(
    `Results: ${relative(ROOT, jsonFile)} and ${relative(ROOT, mdFile)} (total ${totalSeconds} s)`,
  );
}

try {
  await main();
} catch (error) {
  if (interrupted) {
    // The signal handler is stopping everything; the processes it stops make the run fail.
    await cleanup();
    process.exit(130);
  }
  console.error(`bench failed: ${error?.stack ?? error}`);
  for (const handle of runningChildren()) {
    // nats-server's start-up banner is noise: show only its warnings and errors.
    const lines = handle
      .tail()
      .split('\n')
      .filter(
        (line) => line.trim() && (handle.name !== 'nats-server' || /\[(ERR|WRN|FTL)\]/.test(line)),
      );
    if (lines.length) {
      console.error(`--- last output of ${handle.name} ---\n${lines.join('\n').slice(-1500)}`);
    }
  }
  console.error(`(full logs in ${relative(ROOT, LOG_DIR)}/)`);
  await cleanup();
  process.exit(1);
}
