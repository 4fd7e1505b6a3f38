import { createHash } from 'node:crypto';

/**
 * SHA-256 of every secret value this repository has published: compose's former defaults and the
 * tests' keys. Add one with: node -p "crypto.createHash('sha256').update('<value>').digest('hex')"
 */
const PUBLISHED = new Set([
  // docker-compose.yml's former defaults: JWT_SECRET, the identity and the services' key pairs
  // (public, private), the MFA key, the contact key, the contact index key, POSTGRES_PASSWORD.
  '34f28c0a5540a38d7f368839921618970669150199d9803c13a9b0ef9cb67138',
  '48d4101ebef4b912a67349c1553e10cda497f837ad99ce40e5b8694a7b6f5927',
  'caaccbae909e57f2e6f4388085888000dee258460b0b8a978b2f9aedf62ed552',
  'e457ee65e3e11c8d3595425d6d19470c9af6750f66db12699e3ac21b89130d4f',
  '5271a4a5469fa49a36b59d492196d7d72a2f355b181683988723521ef9bd676a',
  '96cc5e6c04e45b3c4348898e3819221180e9987d5833e0f8575ffeac7b00a52a',
  'a1776b16d33cc54ab5c3f1b03ab40ed5f582733bca494592287bb272adbaf6f1',
  '922c804cc66de4a28c5f78f1686ed72ff1d244f98059d5cc1df48e52fea46ae4',
  'b10a3a8b8d0a948a3a73f06c2433cf1055b07ee186cdcb118c442a64975e0276',
  // libs/testing: TEST_JWT_SECRET and the five contact and MFA keys (32 bytes of 1 to 5).
  'd0068761182aa9c20b309244bbad9665b6521dabd68ef878edebf0d3762c71c7',
  'c57cc3b55d39f9a6f772f508e3821e0a280822352c0d0f0d259fba63b74da9a0',
  '9d7032a81a4759803fd46d974e594bcd4f7a3b8a5c07270e58e9e12c14fd4cf0',
  'ad5fee2a8352a2a033dacabaf1158ef33de9289f628f30e69ea976a4f7cabfcb',
  '55ed641f5b44b18afbef240e1d26472304616eaa79a84d57776196ade1faa944',
  '10402497486053fc71323aa82742124dca7e39775c3b71de362bc1d5fe7a8152',
]);

/** What the development tools name their keys: `npm start` (dev1), compose (local1), tests. */
const DEVELOPMENT_KEY_IDS = new Set(['dev1', 'local1', 'test1', 'test2']);

/** The placeholders of .env.example and the k8s Secret template. */
const PLACEHOLDER = /replace[-_ ]?me|change[-_ ]?me/i;

/** Variables that hold a secret, or name a key of a ring (`*_ACTIVE_KEY`). */
const SECRET_NAME = /(_KEY|_KEYS|_SECRET|_PASS|_PASSWORD|_DATABASE_URL)$/;

/** A variable that holds a secret (or names the key of a ring), by its name. */
export function isSecretVariable(name: string): boolean {
  return SECRET_NAME.test(name);
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex');

/** The parts of a value that must not be published: itself, a URL's password, a ring's ids and keys. */
function partsOf(value: string): string[] {
  if (value.includes('://')) {
    try {
      const password = decodeURIComponent(new URL(value).password);
      return password ? [password] : [];
    } catch {
      return [value];
    }
  }
  return [value, ...value.split(',').flatMap((entry) => entry.split(':'))];
}

function isDevelopmentValue(value: string): boolean {
  if (PLACEHOLDER.test(value)) return true;
  return partsOf(value).some(
    (part) => DEVELOPMENT_KEY_IDS.has(part.trim()) || PUBLISHED.has(digest(part.trim())),
  );
}

/** The first secret variable holding a published development value or a placeholder. */
export function developmentSecretIn(env: NodeJS.ProcessEnv): string | undefined {
  return Object.keys(env)
    .filter(isSecretVariable)
    .sort()
    .find((name) => isDevelopmentValue(env[name] ?? ''));
}

/** With NODE_ENV=production, a development secret stops the process with one line naming it. */
export function refuseDevelopmentSecrets(
  process: string,
  env: NodeJS.ProcessEnv = globalThis.process.env,
): void {
  if (env['NODE_ENV'] !== 'production') return;
  const name = developmentSecretIn(env);
  if (!name) return;
  globalThis.process.stderr.write(
    `${process}: ${name} holds a published development value or a placeholder; NODE_ENV=production needs a secret of your own\n`,
  );
  globalThis.process.exit(1);
}
