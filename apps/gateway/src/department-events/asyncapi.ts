import { z } from 'zod';

import { type EventContract, eventEnvelopeSchema } from '@salesops/events';
import { FIELD_RULES, type FieldRule } from '@salesops/policy';

import { EVENT_SOURCES, type EventSource } from './event-catalog';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema> };

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'output',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function classOf(rule: FieldRule | undefined): string {
  return rule ? rule.class : 'unclassified';
}

/** The data schema with each field's confidentiality class (`x-field-class`). */
function dataSchemaOf(event: EventContract, source: EventSource): JsonSchema {
  const schema = jsonSchemaOf(event.data);
  const rules: Record<string, FieldRule> = FIELD_RULES[source.resource];
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    property['x-field-class'] = classOf(rules[field]);
  }
  return schema;
}

function payloadOf(event: EventContract, source: EventSource): JsonSchema {
  const envelope = jsonSchemaOf(eventEnvelopeSchema);
  const properties = { ...(envelope.properties ?? {}) };
  properties['type'] = { type: 'string', const: event.type };
  properties['version'] = { type: 'integer', const: event.version };
  properties['source'] = { type: 'string', const: event.source };
  properties['subjectVersion'] = event.versioned
    ? { type: 'integer', minimum: 1, description: 'The version of the record after the change' }
    : { type: 'null' };
  properties['traceparent'] = {
    type: ['string', 'null'],
    description: 'W3C trace context of the request that caused the event, if any',
  };
  properties['data'] = dataSchemaOf(event, source);
  return { ...envelope, properties };
}

const HEADERS: JsonSchema = {
  type: 'object',
  properties: {
    'Nats-Msg-Id': { type: 'string', description: 'The event id: JetStream de-duplicates by it' },
    'x-request-id': { type: 'string' },
    traceparent: { type: 'string', description: 'W3C trace context' },
  },
};

const DESCRIPTION = `Every event SalesOps publishes, generated from the event contracts of its
services. Inside, each event is a JetStream message on \`salesops.<type>\` in the stream of its
source (\`SALESOPS_<SOURCE>\`). Outside the bus, departments receive the same envelopes through
signed webhooks (\`POST /api/v1/webhooks\`; each delivery is a POST with \`X-SalesOps-Event-Id\`
and \`X-SalesOps-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">\`) or the server-sent event
stream (\`GET /api/v1/events/stream?types=orders.*\`). Outside the bus, each subscriber receives
only events of records in its scope, holding the source's read permission, and each data field
passes the field policy: \`financial\` and \`personnel\` fields only with the clearance,
\`contact\` and \`secret\` fields never (\`x-field-class\` on every field of \`data\`).`;

/** AsyncAPI 3.0: one channel, message and receive operation per event type of the catalog. */
export function buildAsyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const source of EVENT_SOURCES) {
    const stream = `SALESOPS_${source.source.toUpperCase()}`;
    for (const [name, event] of Object.entries(source.events)) {
      const id = event.type;
      messages[id] = {
        name: event.type,
        title: name,
        summary: `${event.type} (version ${event.version})`,
        contentType: 'application/json',
        headers: HEADERS,
        payload: payloadOf(event, source),
        'x-versioned': event.versioned,
        'x-read-permission': source.readPermission,
      };
      channels[id] = {
        address: event.busSubject,
        title: event.type,
        description: `Stream ${stream}; outside the bus with the permission ${source.readPermission}.`,
        messages: { [id]: { $ref: `#/components/messages/${id}` } },
        'x-nats-stream': stream,
      };
      operations[`receive.${id}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${id}` },
        messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: { title: 'SalesOps events', version: '1.0.0', description: DESCRIPTION },
    defaultContentType: 'application/json',
    servers: {
      nats: {
        host: 'localhost:4222',
        protocol: 'nats',
        description: 'NATS JetStream, for the services (NATS_URL)',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}
