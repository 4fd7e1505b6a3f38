// `node tools/openapi/export.mjs [file]`: writes the OpenAPI document the built gateway serves
// (default docs/openapi.json under the gateway's dist), for the linter and the typed test client.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
require('reflect-metadata');
// Loading the module declares its controllers, and with them every route of the document.
require(`${root}/apps/gateway/dist/gateway-app.module.js`);
const { buildOpenApiDocument } = require(`${root}/apps/gateway/dist/docs/openapi.js`);

const target = resolve(process.argv[2] ?? `${root}/apps/gateway/dist/openapi.json`);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(
  target,
  `${JSON.stringify(buildOpenApiDocument('api/v1', ['health', 'ready']), null, 2)}\n`,
);
