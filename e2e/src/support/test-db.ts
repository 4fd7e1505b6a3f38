import { Pool } from 'pg';

import { testDatabaseBaseUrl } from '@salesops/testing';

/** Read access to the test database, to check what the services stored. */
export function testDb(): Pool {
  return new Pool({
    connectionString: testDatabaseBaseUrl(),
    max: 2,
  });
}
