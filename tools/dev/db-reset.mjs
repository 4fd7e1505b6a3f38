#!/usr/bin/env node
// `npm run db:reset`: drops and recreates the local development database (MIGRATE_DATABASE_URL,
// default postgresql://postgres@127.0.0.1:5432/salesops), e.g. after another checkout seeded it
// with other development keys. `npm start` then migrates it and loads the demo company again.
// Asks first on a terminal; asks nothing in CI (CI set), without a terminal or with --yes.
// Refuses NODE_ENV=production.
import { createInterface } from 'node:readline/promises';

import pg from 'pg';

const LOCAL_DATABASE = 'postgresql://postgres@127.0.0.1:5432/salesops';

export async function resetDatabase(env = process.env, { confirm = async () => true } = {}) {
  if (env.NODE_ENV === 'production') {
    throw new Error('db:reset refuses NODE_ENV=production: it drops the whole database');
  }
  const url = new URL(env.MIGRATE_DATABASE_URL || LOCAL_DATABASE);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error(`no database named in ${url.host}`);
  if (!(await confirm(`Drop and recreate the database "${name}" on ${url.host}?`))) return null;
  const admin = new URL(env.DATABASE_ADMIN_URL || url);
  admin.pathname = '/postgres';
  admin.search = '';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
  return name;
}

async function askOnTerminal(question) {
  const unattended =
    process.argv.includes('--yes') || Boolean(process.env.CI) || !process.stdin.isTTY;
  if (unattended) return true;
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await terminal.question(`${question} [y/N] `)).trim());
  } finally {
    terminal.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const name = await resetDatabase(process.env, { confirm: askOnTerminal });
    console.log(
      name
        ? `database "${name}" is empty again: npm start migrates it and loads the demo company`
        : 'nothing changed',
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
