// NestJS 12 ships ESM only: swc transforms those packages (and their ESM dependencies) to CommonJS.
const esmPackages = [
  '@nestjs',
  'file-type',
  'load-esm',
  'uid',
  'strtok3',
  'token-types',
  '@tokenizer',
  '@borewit',
  'uint8array-extras',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/e2e'],
  testMatch: ['**/?(*.)+(spec|int-spec|e2e-spec|fault-spec).ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    // A contracts library's events-only entry point (package.json `exports`).
    '^@salesops/([a-z-]+-contracts)/events$': '<rootDir>/libs/$1/src/events.ts',
    '^@salesops/((?!members$|customers$|orders$|training$|performance$|gateway$).*)$':
      '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/apps/.*/dist', '<rootDir>/libs/.*/dist'],
  // A stack of six processes may take up to its readiness deadline (150 s) to start on a busy machine.
  testTimeout: 180000,
  // The suites start real processes on 2 cores: one file at a time, whoever runs jest.
  maxWorkers: 1,
  // A CI run must end even if a test leaves a socket open; open handles are still reported.
  forceExit: true,
  globalSetup: '<rootDir>/jest.global-setup.js',
  globalTeardown: '<rootDir>/jest.global-teardown.js',
};
