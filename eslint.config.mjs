import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** What contracts and pure libraries may not pull in: frameworks, drivers, the bus runtime. */
const RUNTIME_PACKAGES = [
  '@nestjs/*',
  '@nats-io/*',
  '@prisma/*',
  'pg',
  'pino',
  'prom-client',
  'fastify',
  '@fastify/*',
];

/** Performance learns about the other services from their events, never by calling them. */
const EVENTS_ONLY = ['members', 'customers', 'orders', 'training'].map((service) => ({
  name: `@salesops/${service}-contracts`,
  message: `performance may import only the events of ${service}: @salesops/${service}-contracts/events`,
}));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/generated/**',
      '**/*.mjs',
      '**/*.js',
      'bench/results/**',
      '.nx/**',
      // Imports that break the boundaries, linted on purpose by e2e/src/lint/module-boundaries.spec.ts.
      '**/test/boundary-fixtures/**',
      // Code that must not compile, type-checked on purpose by members.errors.spec.ts.
      '**/test/compile-fixtures/**',
    ],
  },
  ...nx.configs['flat/base'],
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // One program for the whole repository: the project service made one per project, each
      // type-checking the libraries again (153 s against 47 s).
      parserOptions: { project: './tsconfig.lint.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Apps never import apps: no constraint below lets anything depend on type:app.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:pure',
                'type:plumbing',
                'type:testing',
              ],
            },
            // What crosses a boundary is data: contracts pull no framework, driver or runtime.
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:pure'],
              bannedExternalImports: RUNTIME_PACKAGES,
            },
            {
              sourceTag: 'type:pure',
              onlyDependOnLibsWithTags: ['type:pure'],
              bannedExternalImports: RUNTIME_PACKAGES,
            },
            // Plumbing's own integration tests use the testing helpers.
            {
              sourceTag: 'type:plumbing',
              onlyDependOnLibsWithTags: ['type:plumbing', 'type:pure', 'type:testing'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [
                'type:plumbing',
                'type:pure',
                'type:contracts',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:plumbing',
                'type:pure',
                'type:contracts',
                'type:testing',
              ],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['apps/performance/**/*.ts', 'libs/performance-contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: EVENTS_ONLY }] },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.fault-spec.ts',
      '**/test/**',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
