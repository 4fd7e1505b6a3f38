// Whether the development keys of this checkout (.salesops/keys.json) open what the database
// holds: a database seeded by another checkout was sealed under that checkout's keys, and every
// read of it would fail with "unable to authenticate data".
import pg from 'pg';

import { FieldCipher } from '@salesops/persistence';

/** One sealed value of each kind the keys must open, if the database holds any. */
const SAMPLES = [
  {
    what: 'contact data',
    keys: 'CONTACT_KEYS',
    active: 'CONTACT_ACTIVE_KEY',
    schema: 'members',
    sql: (schema) =>
      `SELECT id, phone AS value FROM "${schema}".member WHERE phone IS NOT NULL LIMIT 1`,
    place: (id) => ({ table: 'member', field: 'phone', rowId: id }),
  },
  {
    what: 'MFA secrets',
    keys: 'MFA_KEYS',
    active: 'MFA_ACTIVE_KEY',
    schema: 'gateway',
    sql: (schema) =>
      `SELECT id, "mfaSecret" AS value FROM "${schema}"."user" WHERE "mfaSecret" IS NOT NULL LIMIT 1`,
    place: (id) => ({ table: 'user', field: 'mfaSecret', rowId: id }),
  },
];

/** What the keys cannot open (empty when all is well or there is nothing sealed yet). */
export async function sealedUnderOtherKeys(databaseUrl, env, schemaOf = (service) => service) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const failures = [];
    for (const sample of SAMPLES) {
      if (!env[sample.keys] || !env[sample.active]) continue;
      const cipher = new FieldCipher(FieldCipher.parseKeys(env[sample.keys]), env[sample.active]);
      const rows = await client
        .query(sample.sql(schemaOf(sample.schema)))
        .then((result) => result.rows)
        .catch(() => []);
      const row = rows[0];
      if (!row || !cipher.isSealed(row.value)) continue;
      try {
        cipher.decrypt(row.value, sample.place(row.id));
      } catch {
        failures.push(sample.what);
      }
    }
    return failures;
  } finally {
    await client.end();
  }
}
