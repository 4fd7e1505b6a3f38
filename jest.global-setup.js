// Makes the suite's database anew (TEST_DATABASE_URL, default salesops_test; dropped again at the
// end), creates the database roles (cluster-wide, shared with other checkouts' runs), migrates it
// as the owner role with each service's grants, and starts a nats-server of the suite's
// own, so the tests never touch the data or the streams of a running `npm start`.
const { spawn } = require('node:child_process');
const { Client } = require('pg');
const { mkdtempSync } = require('node:fs');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nats-server did not open port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The suite's database, dropped and made anew, so no run sees what an earlier one left. */
async function freshDatabase(databaseUrl) {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new Client({
    connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  try {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await admin.end();
  }
}

module.exports = async function globalSetup() {
  process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/salesops_test';
  await freshDatabase(process.env.TEST_DATABASE_URL);
  const { migrate, provisionRoles, SERVICES } = await import('./tools/prisma/engine.mjs');
  await provisionRoles({ test: true });
  for (const service of SERVICES) await migrate({ service, test: true });
  // Where the suites' own nats-servers are listed (libs/testing TestNatsServer) for the teardown.
  process.env.SALESOPS_TEST_RUN_DIR = mkdtempSync(join(tmpdir(), 'salesops-jest-run-'));
  const storeDir = mkdtempSync(join(tmpdir(), 'salesops-jest-nats-'));
  const port = await freePort();
  const nats = spawn(
    process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server',
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
    { stdio: 'ignore' },
  );
  await waitForPort(port, 10000);
  process.env.TEST_NATS_URL = `nats://127.0.0.1:${port}`;
  globalThis.__SALESOPS_NATS__ = { process: nats, storeDir };
};
