const { Client } = require('pg');

module.exports = async function globalTeardown() {
  globalThis.__SALESOPS_NATS__?.kill('SIGKILL');
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
