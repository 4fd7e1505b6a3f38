#!/usr/bin/env node
// Writes deploy/nats/nats-server.conf from the contracts (run after `npm run build`): one NATS user
// per process, allowed the subjects its contracts and consumers need and nothing else.
// `--check` changes nothing and exits 1 when the file is not what the contracts give (CI, tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as customers from '@salesops/customers-contracts';
import * as members from '@salesops/members-contracts';
import {
  busPermissions,
  natsPasswordVariableOf,
  renderNatsAuthorization,
} from '@salesops/messaging/dist/bus-permissions.js';
import * as orders from '@salesops/orders-contracts';
import * as performance from '@salesops/performance-contracts';
import * as training from '@salesops/training-contracts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TARGET = join(ROOT, 'deploy', 'nats', 'nats-server.conf');

const service = (name, consumers = []) => ({
  name,
  serves: true,
  relays: true,
  callsEveryService: false,
  consumers,
});

/** Every process on the bus; a new durable consumer is added here with its source. */
const PROCESSES = [
  {
    name: 'gateway',
    serves: false,
    relays: false,
    callsEveryService: true,
    consumers: [
      { name: 'gateway-sessions', source: 'members' },
      // The relay of every event to departments (webhooks, the event stream).
      ...['members', 'customers', 'orders', 'training', 'performance'].map((source) => ({
        name: `gateway-departments-${source}`,
        source,
      })),
    ],
  },
  service('members'),
  service('customers', [
    { name: 'customers-organisation', source: 'members' },
    { name: 'customers-first-orders', source: 'orders' },
    { name: 'customers-revisits', source: 'orders' },
  ]),
  service('orders'),
  service('training', [
    { name: 'training-onboarding', source: 'members' },
    { name: 'training-remedial', source: 'customers' },
  ]),
  service('performance', [
    { name: 'performance-roster', source: 'members' },
    { name: 'performance-orders-facts', source: 'orders' },
    { name: 'performance-customers-facts', source: 'customers' },
    { name: 'performance-training-facts', source: 'training' },
    // npm run performance:rebuild replays each stream through a durable of its own.
    { name: 'performance-rebuild-members', source: 'members' },
    { name: 'performance-rebuild-orders', source: 'orders' },
    { name: 'performance-rebuild-customers', source: 'customers' },
    { name: 'performance-rebuild-training', source: 'training' },
  ]),
];

/** Every contract the contracts libraries export (in their `…Rpc` objects, nested or not). */
function contractsOf(libraries) {
  const found = new Map();
  const walk = (value) => {
    if (!value || typeof value !== 'object') return;
    if (typeof value.subject === 'string' && Array.isArray(value.onward)) {
      found.set(value.subject, value);
      return;
    }
    for (const inner of Object.values(value)) walk(inner);
  };
  for (const library of libraries) {
    for (const [name, value] of Object.entries(library)) if (name.endsWith('Rpc')) walk(value);
  }
  return [...found.values()].sort((a, b) => a.subject.localeCompare(b.subject));
}

const contracts = contractsOf([members, customers, orders, training, performance]);
const passwords = PROCESSES.map(({ name }) => `#   ${natsPasswordVariableOf(name)}`).join('\n');
const text = `# NATS server of SalesOps: JetStream, and one user per process allowed only the subjects it
# needs. Generated from the contracts by tools/nats/nats-config.mjs: do not edit by hand.
# Each user's password comes from the environment:
${passwords}
# Run: nats-server -c deploy/nats/nats-server.conf -sd <store dir> [-p <port>]
jetstream: enabled

${renderNatsAuthorization(busPermissions(PROCESSES, contracts))}`;

if (process.argv.includes('--check')) {
  const current = readFileSync(TARGET, 'utf8');
  if (current !== text) {
    console.error(
      'deploy/nats/nats-server.conf is not what the contracts give: run node tools/nats/nats-config.mjs',
    );
    process.exit(1);
  }
} else {
  writeFileSync(TARGET, text);
  console.log(`wrote ${TARGET}`);
}
