import { Pool } from 'pg';

/** Read access to the test database, to check what the services stored. */
export function testDb(): Pool {
  return new Pool({
    connectionString: 'postgresql://postgres@127.0.0.1:5432/salesops_test',
    max: 2,
  });
}
