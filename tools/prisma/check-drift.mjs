#!/usr/bin/env node
// CI check, no database needed. For every service:
// - its full schema (schema.prisma + the plumbing models of libs/persistence/prisma/plumbing.prisma)
//   equals the schema.prisma kept with its latest migration as far as the database is concerned
//   (the engine's diff is empty): otherwise a migration is missing;
// - its schema.prisma does not define a plumbing model again: there is one source for them.
// SALESOPS_SCHEMA_ROOT reads the schemas from a copy of the repository (the check's own tests).
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

import {
  PLUMBING_SCHEMA,
  SCHEMA_ROOT,
  SERVICES,
  engineErrorMessage,
  exitOnKnownError,
  modelNames,
  pendingDiff,
  schemaPath,
  tableNames,
} from './engine.mjs';

try {
  const shared = await readFile(PLUMBING_SCHEMA, 'utf8');
  const plumbing = [...modelNames(shared), ...tableNames(shared)];
  const source = relative(SCHEMA_ROOT, PLUMBING_SCHEMA);
  const problems = [];
  for (const service of SERVICES) {
    const own = await readFile(schemaPath(service), 'utf8');
    const copied = [...modelNames(own), ...tableNames(own)].filter((name) =>
      plumbing.includes(name),
    );
    if (copied.length) {
      problems.push(
        `${service}: apps/${service}/prisma/schema.prisma copies ${copied.join(', ')}: remove them, they come from ${source}`,
      );
      continue;
    }
    try {
      const diff = await pendingDiff(service);
      if (diff.changed) {
        problems.push(
          diff.lastMigration
            ? `${service}: schema.prisma (with ${source}) differs from migration ${diff.lastMigration}; run: npm run db:new-migration -- ${service} <name>`
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
  console.log(
    `schemas and migrations in sync (${SERVICES.length} services, plumbing from ${source})`,
  );
} catch (error) {
  exitOnKnownError(error);
}
