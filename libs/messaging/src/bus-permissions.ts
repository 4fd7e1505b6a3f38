import { BUS_PREFIX } from '@salesops/events';
import { inboxPrefixOf, type RpcContract } from '@salesops/rpc';

import { DEAD_LETTER_STREAM, deadLetterSubjectOf, streamOf } from './bus-subjects';

/** A process on the bus, signing in as the NATS user named after it. */
export interface BusProcess {
  name: string;
  /** It answers its contracts' subjects (`<name>.>`), in its queue group. */
  serves: boolean;
  /** It relays its committed events to its stream (`salesops.<name>.>`). */
  relays: boolean;
  /** It calls every service on its callers' behalf: the gateway. */
  callsEveryService: boolean;
  /** Its durable consumers: name, and the service whose stream each reads. */
  consumers: readonly { name: string; source: string }[];
}

export interface BusPermissions {
  publish: string[];
  subscribe: string[];
  /** May answer the requests it receives (once each, on their reply subject). */
  allowResponses: boolean;
}

const JS_API = '$JS.API';

/** What JetStream asks of a process that makes sure a stream exists (and, its owner, its settings). */
const streamAccess = (stream: string, { owner }: { owner: boolean }) => [
  `${JS_API}.STREAM.INFO.${stream}`,
  `${JS_API}.STREAM.CREATE.${stream}`,
  ...(owner ? [`${JS_API}.STREAM.UPDATE.${stream}`] : []),
];

/** What a durable pull consumer of `stream` named `name` needs: create, read, fetch, acknowledge. */
const consumerAccess = (stream: string, name: string) => [
  ...streamAccess(stream, { owner: false }),
  ...streamAccess(DEAD_LETTER_STREAM.name, { owner: true }),
  `${JS_API}.CONSUMER.CREATE.${stream}.${name}`,
  `${JS_API}.CONSUMER.CREATE.${stream}.${name}.>`,
  `${JS_API}.CONSUMER.DURABLE.CREATE.${stream}.${name}`,
  `${JS_API}.CONSUMER.INFO.${stream}.${name}`,
  `${JS_API}.CONSUMER.MSG.NEXT.${stream}.${name}`,
  `$JS.ACK.${stream}.${name}.>`,
  deadLetterSubjectOf(name),
];

/**
 * Who may say what on the bus, from the contracts: a service answers its own subjects only and
 * publishes only its own events; only the gateway, the services a contract names `onward` (they
 * call on its caller's behalf) and those it names in `background` may request a service's
 * subjects. Replies come to an inbox only the requester can read.
 */
export function busPermissions(
  processes: readonly BusProcess[],
  contracts: readonly RpcContract[],
): Map<string, BusPermissions> {
  const services = processes.filter((process) => process.serves).map((process) => process.name);
  const serviceOf = (subject: string) => subject.slice(0, subject.indexOf('.'));
  const result = new Map<string, BusPermissions>();
  for (const process of processes) {
    const calls = new Set<string>();
    if (process.callsEveryService) for (const service of services) calls.add(`${service}.>`);
    for (const contract of contracts) {
      if (serviceOf(contract.subject) === process.name) {
        for (const service of contract.onward) calls.add(`${service}.>`);
      }
    }
    for (const contract of contracts) {
      if (
        contract.background.includes(process.name) &&
        !calls.has(`${serviceOf(contract.subject)}.>`)
      ) {
        calls.add(contract.subject);
      }
    }
    const jetStream = [
      ...(process.relays ? streamAccess(streamOf(process.name).name, { owner: true }) : []),
      ...process.consumers.flatMap(({ name, source }) =>
        consumerAccess(streamOf(source).name, name),
      ),
    ];
    const ownEvents = `${BUS_PREFIX}.${process.name}.>`;
    result.set(process.name, {
      publish: unique([
        ...[...calls].sort(),
        ownEvents,
        ...(jetStream.length > 0 ? [`${JS_API}.INFO`] : []),
        ...jetStream,
      ]),
      subscribe: [
        ...(process.serves ? [`${process.name}.>`] : []),
        ownEvents,
        `${inboxPrefixOf(process.name)}.>`,
      ],
      allowResponses: process.serves,
    });
  }
  return result;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

const list = (values: readonly string[], indent: string) =>
  `[\n${values.map((value) => `${indent}  "${value}"`).join('\n')}\n${indent}]`;

/** The NATS user's password variable: `NATS_<NAME>_PASSWORD`. */
export function natsPasswordVariableOf(process: string): string {
  return `NATS_${process.toUpperCase()}_PASSWORD`;
}

/** The `authorization` block of nats-server.conf: one user per process, password from the env. */
export function renderNatsAuthorization(permissions: Map<string, BusPermissions>): string {
  const users = [...permissions].map(
    ([name, { publish, subscribe, allowResponses }]) => `    {
      user: ${name}
      password: $${natsPasswordVariableOf(name)}
      permissions: {
        publish: { allow: ${list(publish, '          ')} }
        subscribe: { allow: ${list(subscribe, '          ')} }${
          allowResponses ? '\n        allow_responses: true' : ''
        }
      }
    }`,
  );
  return `authorization {\n  users: [\n${users.join('\n')}\n  ]\n}\n`;
}
