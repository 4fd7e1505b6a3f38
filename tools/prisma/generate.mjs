#!/usr/bin/env node
// Generates the Prisma client of every service (apps/<svc>/src/generated/prisma), offline.
//   node tools/prisma/generate.mjs [--force] [<service>...]
// The CLI insists on a schema-engine binary for every command and would download one;
// generation itself never runs it, so PRISMA_SCHEMA_ENGINE_BINARY points at an existing
// executable (this node). The schema generated is the service's full schema (its schema.prisma and
// the plumbing models, see engine.mjs), written into src/generated. A service is skipped when the
// hash of that schema and of the Prisma versions matches the `.schema-hash` written into its output directory last time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

import {
  ROOT,
  SERVICES,
  UsageError,
  assertService,
  exitOnKnownError,
  fullSchema,
  schemaPath,
  sha256,
} from './engine.mjs';

const HASH_FILE = '.schema-hash';
const EXPECTED_FILES = ['client.ts', 'models.ts', join('internal', 'class.ts')];
const require = createRequire(join(ROOT, 'package.json'));

try {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const services = args.filter((a) => a !== '--force');
  for (const s of services) {
    if (s.startsWith('-'))
      throw new UsageError('usage: node tools/prisma/generate.mjs [--force] [<service>...]');
    assertService(s);
  }
  const targets = services.length ? services : SERVICES;

  const cli = require.resolve('prisma/build/index.js');
  const versions = [
    JSON.parse(await readFile(require.resolve('prisma/package.json'), 'utf8')).version,
    JSON.parse(await readFile(require.resolve('@prisma/client/package.json'), 'utf8')).version,
  ].join('/');

  const plans = [];
  for (const service of targets) {
    const own = schemaPath(service);
    const outDir = outputDir(own, await readFile(own, 'utf8'));
    // Beside the client it makes, with the generator's output made relative to that place.
    const schemaFile = join(dirname(outDir), 'schema.prisma');
    const output = relative(dirname(schemaFile), outDir).split('\\').join('/');
    const schema = (await fullSchema(service)).replace(
      /^(\s*output\s*=\s*)"[^"]+"/m,
      `$1"./${output}"`,
    );
    const hash = sha256(schema, versions, EXPECTED_FILES.join(','));
    const previous = await readFile(join(outDir, HASH_FILE), 'utf8').catch(() => '');
    const complete = EXPECTED_FILES.every((f) => existsSync(join(outDir, f)));
    if (force || previous.trim() !== hash || !complete) {
      await mkdir(dirname(schemaFile), { recursive: true });
      await writeFile(schemaFile, schema);
      plans.push({ service, schemaFile, outDir, hash });
    }
  }

  if (!plans.length) {
    console.log(`prisma: ${targets.length} client${targets.length === 1 ? '' : 's'} up to date`);
    process.exit(0);
  }

  // Each CLI run is ~1 core for ~2 s; more runs than cores only adds contention.
  const width = Math.max(1, Math.min(plans.length, availableParallelism()));
  const queue = [...plans];
  const failures = [];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) {
        const started = Date.now();
        const result = await run(process.execPath, [cli, 'generate', '--schema', plan.schemaFile]);
        const missing = EXPECTED_FILES.filter((f) => !existsSync(join(plan.outDir, f)));
        if (result.code !== 0 || missing.length) {
          failures.push({ plan, result, missing });
          continue;
        }
        await writeFile(join(plan.outDir, HASH_FILE), `${plan.hash}\n`);
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`${plan.service}: generated ${relative(ROOT, plan.outDir)} (${secs} s)`);
      }
    }),
  );

  for (const { plan, result, missing } of failures) {
    console.error(`${plan.service}: prisma generate failed (exit ${result.code})`);
    if (missing.length) console.error(`  missing after generate: ${missing.join(', ')}`);
    process.stderr.write(indent(result.output));
  }
  process.exit(failures.length ? 1 : 0);
} catch (error) {
  exitOnKnownError(error);
}

/** The generator's `output`, resolved like Prisma does (relative to the schema file). */
function outputDir(schemaFile, schema) {
  const block = schema.match(/generator\s+\w+\s*\{([^}]*)\}/);
  const output = block?.[1].match(/^\s*output\s*=\s*"([^"]+)"/m)?.[1];
  if (!output) throw new Error(`${relative(ROOT, schemaFile)}: generator has no output path`);
  return resolve(dirname(schemaFile), output);
}

function run(command, args) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        PRISMA_DISABLE_WARNINGS: '1',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) =>
      resolvePromise({ code: -1, output: `${output}${error.message}\n` }),
    );
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}

function indent(text) {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')
    .concat('\n');
}
