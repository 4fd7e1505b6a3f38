import { z } from 'zod';

import { customerSchema } from '@salesops/customers-contracts';
import { applicationSchema, memberSchema } from '@salesops/members-contracts';
import type { Resource } from '@salesops/policy';

type Shown = Record<string, unknown>;

/** A resource whose records carry contact fields: the schema replies show it with, and whose it is. */
export interface ContactBearing {
  schema: z.ZodType;
  resource: Resource;
  /** The member the record is about or belongs to: their own reads are not audited. */
  ownerOf(record: Shown): string | null;
}

/** Every resource with a contact field (field-classes.ts); a test fails when one is missing. */
export const CONTACT_BEARING: readonly ContactBearing[] = [
  { schema: memberSchema, resource: 'member', ownerOf: (member) => String(member['id']) },
  { schema: applicationSchema, resource: 'application', ownerOf: () => null },
  {
    schema: customerSchema,
    resource: 'customer',
    ownerOf: (customer) => String(customer['ownerId']),
  },
];

const bySchema = new Map(CONTACT_BEARING.map((bearing) => [bearing.schema, bearing]));

const isShown = (value: unknown): value is Shown =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fieldsBySchema = new WeakMap<z.ZodObject, [string, z.ZodType][]>();

/** A schema's fields, listed once: every reply of its routes is walked along them. */
function fieldsOf(schema: z.ZodObject): [string, z.ZodType][] {
  let fields = fieldsBySchema.get(schema);
  if (!fields) {
    fields = Object.entries(schema.shape as Record<string, unknown>).flatMap(([key, field]) =>
      field instanceof z.ZodType ? [[key, field] as [string, z.ZodType]] : [],
    );
    fieldsBySchema.set(schema, fields);
  }
  return fields;
}

/**
 * The contact-bearing records in a reply, found by walking the route's response schema beside
 * the value: a record itself, in a page's items, or nested in another object.
 */
export function* contactRecordsIn(
  schema: z.ZodType,
  value: unknown,
): Generator<{ bearing: ContactBearing; record: Shown }> {
  const bearing = bySchema.get(schema);
  if (bearing) {
    if (isShown(value)) yield { bearing, record: value };
  } else if (schema instanceof z.ZodObject) {
    if (!isShown(value)) return;
    for (const [key, field] of fieldsOf(schema)) yield* contactRecordsIn(field, value[key]);
  } else if (schema instanceof z.ZodArray) {
    if (!Array.isArray(value)) return;
    for (const item of value) yield* contactRecordsIn(schema.element as z.ZodType, item);
  } else if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault
  ) {
    yield* contactRecordsIn(schema.unwrap() as z.ZodType, value);
  } else if (schema instanceof z.ZodUnion) {
    const options = schema.options as readonly z.ZodType[];
    const matching = options.find((option) => option.safeParse(value).success);
    if (matching) yield* contactRecordsIn(matching, value);
  }
}

const bearing = new WeakMap<z.ZodType, boolean>();

/**
 * Whether a reply of this schema can hold a contact-bearing record at all: when not (an order, a
 * team), nothing in it is walked. Decided once per schema.
 */
export function bearsContact(schema: z.ZodType): boolean {
  let known = bearing.get(schema);
  if (known === undefined) {
    known = [...objectSchemasIn(schema)].some((object) => bySchema.has(object));
    bearing.set(schema, known);
  }
  return known;
}

/** The object schemas a response schema is made of, for checking that none bears contact unseen. */
export function* objectSchemasIn(schema: z.ZodType): Generator<z.ZodObject> {
  if (schema instanceof z.ZodObject) {
    yield schema;
    if (bySchema.has(schema)) return;
    for (const [, field] of fieldsOf(schema)) yield* objectSchemasIn(field);
  } else if (schema instanceof z.ZodArray) {
    yield* objectSchemasIn(schema.element as z.ZodType);
  } else if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault
  ) {
    yield* objectSchemasIn(schema.unwrap() as z.ZodType);
  } else if (schema instanceof z.ZodUnion) {
    for (const option of schema.options as readonly z.ZodType[]) yield* objectSchemasIn(option);
  }
}
