const { rmSync } = require('node:fs');
const { Client } = require('pg');

// TypeScript, transformed as the suites are.
const { stopLeftServers } = require('./libs/testing/src/left-servers.ts');

module.exports = async function globalTeardown() {
  const nats = globalThis.__SALESOPS_NATS__;
  nats?.process.kill('SIGKILL');
  if (nats) rmSync(nats.storeDir, { recursive: true, force: true });
  // A nats-server a suite left running (e.g. its beforeAll timed out and went on after its
  // afterAll) is stopped here, and named so that the suite gets fixed.
  const runDir = process.env.SALESOPS_TEST_RUN_DIR;
  if (runDir) {
    for (const left of stopLeftServers(runDir)) {
      process.stderr.write(`jest teardown: a suite left nats-server ${left} running; stopped\n`);
    }
    rmSync(runDir, { recursive: true, force: true });
  }
  const url = new URL(process.env.TEST_DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new Client({
    connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
};
