// The benchmark's own reads and writes of the database, outside the services.
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ROOT } from '../../tools/prisma/engine.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const pg = require('pg');

/** A function running one statement on the database at `url` (a connection of its own): its rows. */
export function sqlOn(url) {
  return async (text, values = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  };
}
