#!/usr/bin/env node
// CI check, no database needed. For every service:
// - the schema.prisma kept with the latest migration equals the current schema.prisma as far as
//   the database is concerned (the engine's diff is empty): otherwise a migration is missing;
// - schema.prisma contains the shared messaging models of messaging-models.prisma.txt verbatim.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  SERVICES,
  engineErrorMessage,
  exitOnKnownError,
  pendingDiff,
  schemaPath,
} from './engine.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const normalize = (text) => text.replace(/\r\n/g, '\n');

try {
  const raw = normalize(await readFile(join(here, 'messaging-models.prisma.txt'), 'utf8'));
  // The models are everything after the first two (comment) lines.
  const messaging = raw.split('\n').slice(2).join('\n').trim();
  const problems = [];
  for (const service of SERVICES) {
    const schema = normalize(await readFile(schemaPath(service), 'utf8'));
    if (!schema.includes(messaging)) {
      problems.push(
        `${service}: apps/${service}/prisma/schema.prisma does not contain the messaging models of tools/prisma/messaging-models.prisma.txt verbatim`,
      );
    }
    try {
      const diff = await pendingDiff(service);
      if (diff.changed) {
        problems.push(
          diff.lastMigration
            ? `${service}: schema.prisma differs from migration ${diff.lastMigration}; run: npm run db:new-migration -- ${service} <name>`
            : `${service}: no migration yet; run: npm run db:new-migration -- ${service} init`,
        );
      }
    } catch (error) {
      problems.push(`${service}: ${engineErrorMessage(error)}`);
    }
  }
  if (problems.length) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
  console.log(`schemas and migrations in sync (${SERVICES.length} services)`);
} catch (error) {
  exitOnKnownError(error);
}
