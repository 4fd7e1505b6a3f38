import type { z } from 'zod';

import { contactFieldsInClear } from '@salesops/policy';
import type { IdentityClaims } from '@salesops/rpc';

import type { AuditTrailEntry } from './audit-trail';
import { contactRecordsIn } from './contact-bearing';

/**
 * The `contact.read` entries a reply makes: one per record that carries contact fields in clear,
 * naming them, unless the caller is the record's owner. What counts is what the reply shows, not
 * what the caller might have been shown.
 */
export function contactReadsOf(
  schema: z.ZodType,
  reply: unknown,
  identity: IdentityClaims | undefined,
  requestId: string,
): (AuditTrailEntry & { action: string })[] {
  if (!identity) return [];
  const { caller } = identity;
  const entries: (AuditTrailEntry & { action: string })[] = [];
  for (const { bearing, record } of contactRecordsIn(schema, reply)) {
    if (caller.memberId !== null && bearing.ownerOf(record) === caller.memberId) continue;
    const fields = contactFieldsInClear(bearing.resource, record);
    if (fields.length === 0) continue;
    entries.push({
      action: 'contact.read',
      actor: caller.id,
      requestId,
      subject: typeof record['id'] === 'string' ? record['id'] : null,
      details: { resource: bearing.resource, fields },
    });
  }
  return entries;
}
