import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

import type { ESLint } from 'eslint';

const root = resolve(__dirname, '../../..');
const contractsFixtures = 'libs/members-contracts/test/boundary-fixtures';
const performanceFixtures = 'apps/performance/test/boundary-fixtures';
/** A library whose importing of an app makes no cycle: no app it names depends on it. */
const libraryFixtures = 'libs/orders-contracts/test/boundary-fixtures';
const BOUNDARY_RULES = ['@nx/enforce-module-boundaries', 'no-restricted-imports'];

/**
 * Runs ESLint as `npm run lint` does (its config is ESM, which jest's sandbox cannot load) on
 * fixtures that `npm run lint` itself ignores, and keeps the boundary errors of each file.
 */
function lintBoundaries(files: string[]): Map<string, string[]> {
  // Without Nx's project graph the boundary rule skips itself: make it first, as `npm run lint` does.
  const graph = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } },
  );
  if (graph.status !== 0) throw new Error(`nx show projects failed: ${graph.stderr}`);
  const run = spawnSync(
    process.execPath,
    [
      resolve(root, 'node_modules/eslint/bin/eslint.js'),
      '--no-ignore',
      '--format',
      'json',
      ...files,
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const results = JSON.parse(run.stdout) as ESLint.LintResult[];
  return new Map(
    results.map((result) => [
      result.filePath.slice(root.length + 1),
      result.messages
        .filter((message) => message.ruleId !== null && BOUNDARY_RULES.includes(message.ruleId))
        .map((message) => `${message.ruleId}: ${message.message}`),
    ]),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('lint enforces the module boundaries', () => {
  let errors: Map<string, string[]>;

  beforeAll(() => {
    errors = lintBoundaries([
      `${contractsFixtures}/imports-runtime.ts`,
      `${contractsFixtures}/imports-framework.ts`,
      `${libraryFixtures}/imports-app.ts`,
      `${performanceFixtures}/imports-app.ts`,
      `${performanceFixtures}/imports-rpc-contracts.ts`,
      `${performanceFixtures}/imports-events.ts`,
    ]);
  }, 180_000);

  it.each([
    [
      'a contracts library importing the messaging runtime',
      `${contractsFixtures}/imports-runtime.ts`,
      'can only depend on libs tagged with "type:contracts", "type:pure"',
    ],
    [
      'a contracts library importing a framework',
      `${contractsFixtures}/imports-framework.ts`,
      'is not allowed to import "@nestjs/common"',
    ],
    ['a library importing an app', `${libraryFixtures}/imports-app.ts`, 'Imports of apps'],
    ['an app importing another app', `${performanceFixtures}/imports-app.ts`, 'Imports of apps'],
  ])('fails %s', (_, fixture, expected) => {
    expect(errors.get(fixture)).toEqual([
      expect.stringMatching(new RegExp(`^@nx/enforce-module-boundaries: .*${escape(expected)}`)),
    ]);
  });

  it("fails performance importing another service's RPC contracts", () => {
    expect(errors.get(`${performanceFixtures}/imports-rpc-contracts.ts`)).toEqual([
      expect.stringContaining('@salesops/members-contracts/events'),
    ]);
  });

  it("lets performance import another service's events", () => {
    expect(errors.get(`${performanceFixtures}/imports-events.ts`)).toEqual([]);
  });
});

describe('the contracts libraries, as built', () => {
  it('load nothing but zod and the pure libraries', () => {
    const loaded = spawnSync(
      process.execPath,
      [
        '-e',
        `for (const service of ['members', 'customers', 'orders', 'training', 'performance']) {
          require('@salesops/' + service + '-contracts');
        }
        console.log(JSON.stringify(Object.keys(require.cache)));`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    const packages = new Set(
      (JSON.parse(loaded.stdout) as string[]).map((path) =>
        path.includes('/node_modules/')
          ? (/\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path)
          : (/\/libs\/([^/]+)\//.exec(path)?.[1] ?? path),
      ),
    );
    expect([...packages].sort()).toEqual(
      [
        'contract-kit',
        'customers-contracts',
        'events',
        'members-contracts',
        'orders-contracts',
        'performance-contracts',
        'policy',
        'training-contracts',
        'zod',
      ].sort(),
    );
  });
});
