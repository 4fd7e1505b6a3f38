#!/usr/bin/env node
// Applies pending migrations of every service (or --service <svc>) with the WASM schema engine,
// as the owner role, then grants each service's role its rights (tools/prisma/roles.mjs).
//   node tools/prisma/migrate.mjs [--provision] [--test] [--service <svc>] [--url <postgresql://...>]
// URL per service: --url (its ?schema= or the service name), else with --test
// TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/salesops_test) + ?schema=<svc>,
// else MIGRATE_DATABASE_URL (the owner's login) + ?schema=<the schema of <SVC>_DATABASE_URL>,
// else postgresql://postgres@127.0.0.1:5432/salesops?schema=<svc>.
// --provision first creates the roles (salesops_owner, salesops_<svc>), as DATABASE_ADMIN_URL
// (default: the URL above): their passwords come from the URLs that log in as them.
// --role-prefix <p> names the roles <p>_owner, <p>_<svc> (default salesops).
// After a failed migration (nothing of it stays: it ran as one transaction), fix it, then
//   node tools/prisma/migrate.mjs --service <svc> --rolled-back <migration folder> && rerun.
import { parseArgs } from 'node:util';

import {
  PgUnreachableError,
  SERVICES,
  UsageError,
  assertService,
  exitOnKnownError,
  markRolledBack,
  migrate,
  parseDatabaseUrl,
  provisionRoles,
  rolePasswordsFromEnv,
  schemaOfService,
} from './engine.mjs';
import { DEFAULT_ROLE_PREFIX } from './roles.mjs';

try {
  const { values } = parseArgs({
    options: {
      test: { type: 'boolean', default: false },
      service: { type: 'string' },
      url: { type: 'string' },
      'rolled-back': { type: 'string' },
      provision: { type: 'boolean', default: false },
      'role-prefix': { type: 'string', default: DEFAULT_ROLE_PREFIX },
    },
  });
  const rolePrefix = values['role-prefix'];
  if (values['rolled-back']) {
    if (!values.service) throw new UsageError('--rolled-back <migration> needs --service <svc>');
    const url = values.url ? withSchema(values.url, values.service) : undefined;
    try {
      await markRolledBack({
        service: values.service,
        url,
        test: values.test,
        migration: values['rolled-back'],
        rolePrefix,
      });
    } catch (error) {
      if (error instanceof PgUnreachableError || error instanceof UsageError) throw error;
      console.error(`${values.service}: ${error?.message ?? error}`);
      process.exit(1);
    }
    console.log(`${values.service}: ${values['rolled-back']} marked as rolled back`);
    process.exit(0);
  }
  if (values.service) assertService(values.service);
  const services = values.service ? [values.service] : SERVICES;
  if (values.url && !values.service && parseDatabaseUrl(values.url, 'public').schema !== 'public') {
    throw new UsageError('--url with ?schema= needs --service (each service has its own schema)');
  }
  const started = Date.now();
  if (values.provision) {
    const adminUrl =
      process.env.DATABASE_ADMIN_URL ||
      (values.url ? withSchema(values.url, services[0]) : undefined);
    try {
      const { roles } = await provisionRoles({
        url: adminUrl,
        test: values.test,
        schemas: Object.fromEntries(
          SERVICES.map((service) => [service, values.test ? service : schemaOfService(service)]),
        ),
        rolePrefix,
        passwords: rolePasswordsFromEnv(process.env, rolePrefix),
      });
      console.log(`roles: ${roles.owner}, ${Object.values(roles.services).join(', ')}`);
    } catch (error) {
      if (error instanceof PgUnreachableError || error instanceof UsageError) throw error;
      console.error(`provisioning the roles failed: ${error?.message ?? error}`);
      process.exit(1);
    }
  }
  let failed = false;
  for (const service of services) {
    const url = values.url ? withSchema(values.url, service) : undefined;
    try {
      const { applied } = await migrate({ service, url, test: values.test, rolePrefix });
      const n = applied.length;
      console.log(
        n ? `${service}: ${n} migration${n === 1 ? '' : 's'} applied` : `${service}: up to date`,
      );
    } catch (error) {
      if (error instanceof PgUnreachableError || error instanceof UsageError) throw error;
      console.error(`${service}: migration failed: ${error?.message ?? error}`);
      if (/failed migrations in the target database/.test(error?.message ?? '')) {
        console.error(
          `  fix the migration, then: node tools/prisma/migrate.mjs --service ${service} --rolled-back <migration> (add --test/--url as used here) and run again`,
        );
      }
      failed = true;
      break; // stop at the first failure: its output is the one to read
    }
  }
  if (process.env.PRISMA_TOOLS_TIMING) console.error(`migrate: ${Date.now() - started} ms`);
  process.exit(failed ? 1 : 0);
} catch (error) {
  if (error?.code?.startsWith?.('ERR_PARSE_ARGS')) {
    console.error(
      `${error.message}\nusage: node tools/prisma/migrate.mjs [--provision] [--test] [--service <svc>] [--url <url>] [--role-prefix <p>] [--rolled-back <migration>]`,
    );
    process.exit(1);
  }
  exitOnKnownError(error);
}

function withSchema(url, service) {
  parseDatabaseUrl(url, service); // validates
  const u = new URL(url);
  if (!u.searchParams.get('schema')) u.searchParams.set('schema', service);
  return u.toString();
}
