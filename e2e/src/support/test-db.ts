import { Pool } from 'pg';

import { testDatabaseBaseUrl } from '@salesops/testing';

/** Read access to the test database, to check what the services stored. */
export function testDb(): Pool {
  const pool = new Pool({
    connectionString: testDatabaseBaseUrl(),
    max: 2,
  });
  // A fault test may restart the database: an idle connection it ends is replaced, not fatal.
  pool.on('error', () => undefined);
  return pool;
}
