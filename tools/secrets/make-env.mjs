#!/usr/bin/env node
// Prints a .env with a fresh value for every variable of .env.example (keys, passwords, the two
// Ed25519 pairs), for docker compose on one machine:  node tools/secrets/make-env.mjs > .env
// Keep the file: the contact and MFA keys decrypt what is stored, the passwords open the volumes.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const names = readFileSync(join(ROOT, '.env.example'), 'utf8')
  .split('\n')
  .filter((line) => /^[A-Z_]+=/.test(line))
  .map((line) => line.slice(0, line.indexOf('=')));

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    private: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    public: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
};
const pairs = { IDENTITY: pair(), SERVICE_IDENTITY: pair() };
const KEY_ID = 'k1';

function valueOf(name) {
  const ofPair = /^(IDENTITY|SERVICE_IDENTITY)_(PRIVATE|PUBLIC)_KEY$/.exec(name);
  if (ofPair) return pairs[ofPair[1]][ofPair[2].toLowerCase()];
  if (name.endsWith('_ACTIVE_KEY')) return KEY_ID;
  if (name.endsWith('_KEYS')) return `${KEY_ID}:${randomBytes(32).toString('base64')}`;
  // URL-safe: the PostgreSQL password goes inside database URLs.
  if (name.endsWith('_PASSWORD') || name === 'JWT_SECRET') return randomBytes(32).toString('hex');
  return randomBytes(32).toString('base64');
}

process.stdout.write(names.map((name) => `${name}=${valueOf(name)}\n`).join(''));
