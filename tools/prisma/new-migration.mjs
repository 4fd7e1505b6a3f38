#!/usr/bin/env node
// Writes the next migration of a service: the diff from the schema.prisma kept in its latest
// migration folder (or an empty database) to apps/<svc>/prisma/schema.prisma.
//   node tools/prisma/new-migration.mjs <service> <name>
//   node tools/prisma/new-migration.mjs --all <name>
//   add --empty to write a folder even without schema change, for hand-written SQL (triggers...).
// Output: apps/<svc>/prisma/migrations/<YYYYMMDDHHMMSS>_<name>/{migration.sql,schema.prisma}.
// Review migration.sql before committing (data-preserving edits are fine; keep schema.prisma).
import { relative } from 'node:path';

import {
  ROOT,
  SERVICES,
  UsageError,
  assertService,
  createMigration,
  exitOnKnownError,
} from './engine.mjs';

const USAGE = 'usage: node tools/prisma/new-migration.mjs (<service> | --all) <name> [--empty]';

try {
  const empty = process.argv.includes('--empty');
  const args = process.argv.slice(2).filter((a) => a !== '--empty');
  let services;
  let name;
  if (args[0] === '--all') {
    services = SERVICES;
    name = args[1];
  } else {
    if (args.length < 2) throw new UsageError(USAGE);
    assertService(args[0]);
    services = [args[0]];
    name = args[1];
  }
  if (!name || name.startsWith('-') || args.length > 2) throw new UsageError(USAGE);
  const now = new Date();
  for (const service of services) {
    const created = await createMigration(service, name, { now, empty });
    console.log(
      created ? `${service}: created ${relative(ROOT, created.dir)}` : `${service}: no changes`,
    );
  }
} catch (error) {
  exitOnKnownError(error);
}
