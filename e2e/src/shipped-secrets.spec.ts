import { load, loadAll, YAML11_SCHEMA } from 'js-yaml';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { developmentSecretIn, isSecretVariable } from '@salesops/service-runtime';
import { TEST_IDENTITY_KEYS, TEST_JWT_SECRET, TEST_MFA_KEYS } from '@salesops/testing';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface ComposeFile {
  services: Record<string, { environment?: Record<string, string> }>;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  stringData?: Record<string, string>;
  spec?: { template?: { spec: { containers: { env?: EnvVar[] }[] } } };
}

// YAML 1.1, as compose reads it: `<<: *service-env` merges.
const compose = load(read('docker-compose.yml'), { schema: YAML11_SCHEMA }) as ComposeFile;
/** The compose file without its comments, whose examples are not references. */
const composeText = read('docker-compose.yml')
  .split('\n')
  .filter((line) => !line.trimStart().startsWith('#'))
  .join('\n');
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?([^}]*)\}/g;
const referencesIn = (value: string) => [...value.matchAll(REFERENCE)];

/** The secrets each compose service is given: secret-like names, and the NATS user. */
const secretsOf = (environment: Record<string, string> = {}) =>
  Object.keys(environment).filter((name) => isSecretVariable(name) || name === 'NATS_USER');

const envExample = new Map(
  read('.env.example')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

describe('docker-compose.yml demands every secret', () => {
  const secretEntries = Object.entries(compose.services).flatMap(([service, { environment }]) =>
    Object.entries(environment ?? {})
      .filter(([name]) => isSecretVariable(name))
      .map(([name, value]) => [`${service} ${name}`, String(value)] as const),
  );

  it('has secrets to check', () => {
    expect(secretEntries.length).toBeGreaterThan(20);
  });

  it.each(secretEntries)(
    '%s comes from the environment with ${NAME:?…}, never a default',
    (_, value) => {
      const references = referencesIn(value);
      expect(references.length).toBeGreaterThan(0);
      for (const [, , operator, message] of references) {
        expect(operator).toBe(':?');
        expect(message).toMatch(/is required/);
      }
    },
  );

  it('gives no secret a default anywhere in the file', () => {
    const defaulted = referencesIn(composeText)
      .filter(([, name, operator]) => operator === ':-' && isSecretVariable(name as string))
      .map(([reference]) => reference);
    expect(defaulted).toEqual([]);
  });

  it('documents in .env.example exactly the variables it demands', () => {
    const demanded = new Set(
      referencesIn(composeText)
        .filter(([, , operator]) => operator === ':?')
        .map(([, name]) => name),
    );
    expect([...envExample.keys()].sort()).toEqual([...demanded].sort());
  });

  it.each([...envExample].filter(([name]) => !name.endsWith('_ACTIVE_KEY')))(
    ".env.example's %s is a placeholder a production process refuses",
    (name, value) => {
      expect(developmentSecretIn({ [name]: value })).toBe(name);
    },
  );
});

describe('tools/secrets/make-env.mjs', () => {
  it('makes a .env with a fresh value for each variable that no production process refuses', async () => {
    const { stdout: made } = await promisify(execFile)(process.execPath, [
      join(ROOT, 'tools', 'secrets', 'make-env.mjs'),
    ]);
    const env = Object.fromEntries(
      made
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(Object.keys(env).sort()).toEqual([...envExample.keys()].sort());
    expect(developmentSecretIn(env)).toBeUndefined();
  });
});

describe('deploy/k8s gives every process the secrets compose gives it', () => {
  const manifests = readdirSync(join(ROOT, 'deploy', 'k8s'))
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) => loadAll(read(join('deploy', 'k8s', file))) as Manifest[]);
  const secret = manifests.find((manifest) => manifest.kind === 'Secret');
  const workloads = manifests.filter(
    (manifest) => manifest.kind === 'Deployment' || manifest.kind === 'Job',
  );
  const envOf = (workload: Manifest) =>
    workload.spec?.template?.spec.containers.flatMap((container) => container.env ?? []) ?? [];
  const composeNameOf = (workload: Manifest) => workload.metadata.name.replace(/^salesops-/, '');

  it('has the six processes and the migration', () => {
    expect(workloads.map(composeNameOf).sort()).toEqual(
      ['customers', 'gateway', 'members', 'migrate', 'orders', 'performance', 'training'].sort(),
    );
  });

  // Compose's migrate also makes the roles (--provision), so it knows their passwords; in k8s an
  // administrator makes them once (migrate-job.yaml), and the Job logs in as the owner only.
  const provisioning = /^(?!MIGRATE_)\w+_DATABASE_URL$/;
  const needs = (name: string) =>
    secretsOf(compose.services[name]?.environment).filter(
      (variable) => name !== 'migrate' || !provisioning.test(variable),
    );

  it.each(workloads.map((workload) => [composeNameOf(workload), workload] as const))(
    '%s has each secret compose gives it, from keys the Secret template has',
    (name, workload) => {
      const env = envOf(workload);
      expect(env.map((variable) => variable.name)).toEqual(expect.arrayContaining(needs(name)));
      const keys = env.flatMap((variable) => variable.valueFrom?.secretKeyRef?.key ?? []);
      expect(keys.filter((key) => !(key in (secret?.stringData ?? {})))).toEqual([]);
    },
  );

  it('holds only placeholders in the Secret template', () => {
    for (const [name, value] of Object.entries(secret?.stringData ?? {})) {
      expect(developmentSecretIn({ [name]: value })).toBe(name);
    }
  });
});

describe('a process started with NODE_ENV=production', () => {
  const start = (service: string, env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [join(ROOT, 'apps', service, 'dist', 'main.js')],
        { env: { PATH: process.env['PATH'], NODE_ENV: 'production', ...env }, timeout: 20_000 },
        (_, __, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });

  it.each([
    ['gateway', 'JWT_SECRET', { JWT_SECRET: TEST_JWT_SECRET }],
    [
      'orders',
      'IDENTITY_PUBLIC_KEY',
      { IDENTITY_PUBLIC_KEY: 'MCowBQYDK2VwAyEAhTN01z9v/SeZJrQXHDm/IVlH5miO2Mw26kb5xxwarDY=' },
    ],
    [
      'members',
      'NATS_PASS',
      { NATS_USER: 'members', NATS_PASS: 'replace-me-with-openssl-rand-hex-24' },
    ],
  ])(
    '%s refuses to start with a development %s, in one line naming it',
    async (service, name, secret) => {
      const { code, stderr } = await start(service, {
        IDENTITY_PUBLIC_KEY: TEST_IDENTITY_KEYS.publicKey,
        ...(service === 'gateway'
          ? { IDENTITY_PRIVATE_KEY: TEST_IDENTITY_KEYS.privateKey, ...TEST_MFA_KEYS }
          : {}),
        ...secret,
      });
      expect(code).toBe(1);
      expect(stderr).toBe(
        `${service}: ${name} holds a published development value or a placeholder; NODE_ENV=production needs a secret of your own\n`,
      );
    },
  );
});
