// `npm start`: checks PostgreSQL and NATS, applies migrations, starts the six processes, waits
// until each is ready, loads the demo company and prints where everything is. Ctrl-C stops all.
import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';

import {
  migrate,
  provisionRoles,
  rolePasswordsFromEnv,
  ROOT,
  schemaOfService,
  SERVICES,
} from './prisma/engine.mjs';
import { sealedUnderOtherKeys } from './dev/development-keys-check.mjs';
import { rolesOf } from './prisma/roles.mjs';
import { SERVICE_NODE_FLAGS } from './service-node-flags.mjs';

const NATS_SERVICES = ['members', 'customers', 'orders', 'training', 'performance'];
const OPS_PORTS = {
  gateway: 3100,
  members: 3101,
  customers: 3102,
  orders: 3103,
  training: 3104,
  performance: 3105,
};
const DEMO_USERS = [
  'admin',
  'director',
  'manager.east',
  'leader.east1',
  'vice.east1',
  'rep.east1a',
  'rep.east1b',
  'service.east1',
  'ops.east1',
  'leader.east2',
  'manager.west',
  'leader.west1',
  'rep.west1a',
  'leader.west2',
  'hr',
  'finance',
  'trainer',
];

const env = { ...process.env };
const production = env.NODE_ENV === 'production';
env.LOG_LEVEL ??= 'info';
// Development secrets, never in production: there every secret comes from the environment (each
// process names what is missing, or what is a development value).
if (!production) addDevelopmentSecrets();

function addDevelopmentSecrets() {
  // For this run only; set JWT_SECRET to keep tokens valid across restarts.
  env.JWT_SECRET ??= randomBytes(32).toString('hex');
  Object.assign(env, { ...developmentKeys(), ...definedOf(env) });
  if (!env.IDENTITY_PRIVATE_KEY || !env.IDENTITY_PUBLIC_KEY) {
    // The gateway signs each caller's identity for the services; a key pair for this run only.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    env.IDENTITY_PRIVATE_KEY = privateKey
      .export({ type: 'pkcs8', format: 'der' })
      .toString('base64');
    env.IDENTITY_PUBLIC_KEY = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  }
  if (!env.SERVICE_IDENTITY_PRIVATE_KEY || !env.SERVICE_IDENTITY_PUBLIC_KEY) {
    // Services sign their own background calls (members undoing a departure cut short).
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    env.SERVICE_IDENTITY_PRIVATE_KEY = privateKey
      .export({ type: 'pkcs8', format: 'der' })
      .toString('base64');
    env.SERVICE_IDENTITY_PUBLIC_KEY = publicKey
      .export({ type: 'spki', format: 'der' })
      .toString('base64');
  }
  // The gateway binds each call to a cached identity with a key per service, derived from this
  // secret (libs/rpc/src/call-keys.ts); each service holds only its own.
  env.IDENTITY_CALL_SECRET ??= randomBytes(32).toString('base64');
  for (const service of SERVICES.filter((name) => name !== 'gateway')) {
    env[`${service.toUpperCase()}_IDENTITY_CALL_KEY`] ??= createHmac(
      'sha256',
      Buffer.from(env.IDENTITY_CALL_SECRET, 'base64'),
    )
      .update(`salesops identity call key v1 ${service}`)
      .digest('base64');
  }
}

// Each process logs in as its own database role (tools/prisma/roles.mjs); the local server trusts
// them, so their URLs carry no password. Migrations run as the owner role.
const { services: databaseRoles } = rolesOf(SERVICES);
for (const service of SERVICES) {
  const name = `${service.toUpperCase()}_DATABASE_URL`;
  if (env[name]) continue;
  const url = new URL(env.MIGRATE_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/salesops');
  url.username = databaseRoles[service];
  url.password = '';
  url.search = `?schema=${service}`;
  env[name] = url.toString();
}

/**
 * Contact data and MFA secrets are encrypted at rest, failed logins keep typed names as keyed
 * hashes and the audit trail is chained under a key, so their keys must outlive a run: made once
 * per checkout and kept in .salesops/ (ignored by git). Production sets them from its secret store.
 */
function developmentKeys() {
  const file = join(ROOT, '.salesops', 'keys.json');
  // Checkouts from before MFA kept only the contact keys, in contact-keys.json.
  const legacy = join(ROOT, '.salesops', 'contact-keys.json');
  const existing = [file, legacy].find((path) => existsSync(path));
  const keys = existing ? JSON.parse(readFileSync(existing, 'utf8')) : {};
  const wanted = {
    CONTACT_KEYS: () => `dev1:${randomBytes(32).toString('base64')}`,
    CONTACT_ACTIVE_KEY: () => 'dev1',
    CONTACT_INDEX_KEY: () => randomBytes(32).toString('base64'),
    MFA_KEYS: () => `dev1:${randomBytes(32).toString('base64')}`,
    MFA_ACTIVE_KEY: () => 'dev1',
    USERNAME_HASH_KEY: () => randomBytes(32).toString('base64'),
    // The audit trail's chain key: a trail written under one key verifies only under it.
    AUDIT_CHAIN_KEY: () => randomBytes(32).toString('base64'),
  };
  const missing = Object.keys(wanted).filter((name) => !keys[name]);
  if (missing.length > 0) {
    for (const name of missing) keys[name] = wanted[name]();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  }
  return keys;
}

function definedOf(values) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

const opsPort = (service) =>
  Number(
    env[service === 'gateway' ? 'GATEWAY_OPS_PORT' : `${service.toUpperCase()}_HTTP_PORT`] ??
      OPS_PORTS[service],
  );
const gatewayPort = Number(env.GATEWAY_HTTP_PORT ?? 3000);

function reachable(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || defaultPort), hostname);
    socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function checkInfrastructure() {
  const pgUrl = env.MEMBERS_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/salesops';
  const natsUrl = env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const problems = [];
  if (!(await reachable(pgUrl, 5432))) {
    const port = new URL(pgUrl).port || '5432';
    problems.push(
      `PostgreSQL is not reachable at ${new URL(pgUrl).host}: start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start${port === '5432' ? '' : ` (listening on port ${port})`}`,
    );
  }
  if (!(await reachable(natsUrl, 4222))) {
    problems.push(
      `NATS is not reachable at ${new URL(natsUrl).host}: start it with: nats-server -a ${new URL(natsUrl).hostname} -p ${new URL(natsUrl).port || 4222} -js -sd /var/lib/nats-server`,
    );
  }
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
}

/** A database seeded by another checkout holds values sealed under that checkout's keys. */
async function checkDevelopmentKeys() {
  const url = new URL(env.MIGRATE_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/salesops');
  url.search = '';
  const unreadable = await sealedUnderOtherKeys(url.toString(), env, (service) =>
    schemaOfService(service, env),
  );
  if (unreadable.length === 0) return;
  console.error(
    `The database ${url.pathname.slice(1)} holds ${unreadable.join(' and ')} sealed under other development keys than .salesops/keys.json (another checkout seeded it; reads would fail with "unable to authenticate data"): run npm run db:reset to start afresh, or copy that checkout's .salesops/keys.json here.`,
  );
  process.exit(1);
}

const children = new Map();
const logDir = join(ROOT, 'logs');

function startProcess(service) {
  const log = createWriteStream(join(logDir, `${service}.log`), { flags: 'a' });
  const child = spawn(
    process.execPath,
    [...SERVICE_NODE_FLAGS, join(ROOT, 'apps', service, 'dist', 'main.js')],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(log);
  child.stderr.on('data', (chunk) => {
    log.write(chunk);
    process.stderr.write(`[${service}] ${chunk}`);
  });
  child.on('exit', (code, signal) => {
    children.delete(service);
    if (!stopping) {
      console.error(
        `${service} exited (${signal ?? code}); see logs/${service}.log. Stopping the rest.`,
      );
      void stopAll(1);
    }
  });
  children.set(service, child);
}

async function waitReady(service, deadline) {
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${opsPort(service)}/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${service} was not ready within 60 s; see logs/${service}.log`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const exits = [...children.values()].map(
    (child) => new Promise((resolve) => child.once('exit', resolve)),
  );
  for (const child of children.values()) child.kill('SIGTERM');
  await Promise.all(exits);
  console.log('SalesOps stopped.');
  process.exit(code);
}

function runDemoSeed() {
  return new Promise((resolve, reject) => {
    const seed = spawn(
      process.execPath,
      [join(ROOT, 'apps', 'gateway', 'dist', 'demo', 'seed-demo.js')],
      {
        env,
        stdio: 'inherit',
      },
    );
    seed.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`demo seed exited with ${code}`)),
    );
  });
}

await checkInfrastructure();
await provisionRoles({
  url: env.DATABASE_ADMIN_URL,
  schemas: Object.fromEntries(SERVICES.map((service) => [service, schemaOfService(service, env)])),
  passwords: rolePasswordsFromEnv(env),
});
for (const service of SERVICES) {
  const result = await migrate({ service });
  if (result.applied.length > 0)
    console.log(`${service}: ${result.applied.length} migration(s) applied`);
}
if (!production) await checkDevelopmentKeys();
mkdirSync(logDir, { recursive: true });
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

if (!production && !env.TEST_CLOCK_FILE) {
  // The demo company's past months are made on the stack's movable clock: every process reads
  // this file, empty (the system clock) except while the seed loads those months.
  env.TEST_CLOCK_FILE = join(ROOT, '.salesops', 'demo-clock.json');
  mkdirSync(dirname(env.TEST_CLOCK_FILE), { recursive: true });
  writeFileSync(env.TEST_CLOCK_FILE, '');
}
if (!production) {
  // The demo HR department's receiver, on this machine: its webhook is allowed a private address.
  env.WEBHOOK_ALLOW_PRIVATE ??= 'true';
  const log = createWriteStream(join(logDir, 'hr-receiver.log'), { flags: 'a' });
  const receiver = spawn(process.execPath, [join(ROOT, 'tools', 'demo', 'hr-receiver.mjs')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  receiver.stdout.pipe(log);
  receiver.stderr.pipe(log);
  children.set('hr-receiver', receiver);
}
for (const service of [...NATS_SERVICES, 'gateway']) startProcess(service);
const deadline = Date.now() + 60_000;
try {
  await Promise.all([...NATS_SERVICES, 'gateway'].map((service) => waitReady(service, deadline)));
  if (!production) await runDemoSeed();
} catch (error) {
  console.error(error.message);
  await stopAll(1);
}

const password = env.SALESOPS_DEMO_PASSWORD || 'salesops-demo';
console.log(`
SalesOps is running: six processes ready (logs in logs/).
  API       http://localhost:${gatewayPort}/api/v1
  Docs      http://localhost:${gatewayPort}/docs   (OpenAPI: /docs/openapi.json)
  Ready     http://localhost:${gatewayPort}/ready
  Events    http://localhost:${gatewayPort}/docs/asyncapi.json (AsyncAPI); HR's demo webhook logs to logs/hr-receiver.log
${
  production
    ? ''
    : `  Demo logins (password "${password}"): ${DEMO_USERS.join(', ')}
            admin, director, hr and finance also need a code: npm run mfa:code
  Try:      curl -s -X POST localhost:${gatewayPort}/api/v1/auth/login -H 'content-type: application/json' \\
              -d '{"username":"leader.east1","password":"${password}"}'
`
}Press Ctrl-C to stop.`);
