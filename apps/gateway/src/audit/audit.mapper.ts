import type { AuditEvent } from '../generated/prisma/client';
import type { StoredAuditEntry } from './audit-chain';

export function toStoredAuditEntry(row: AuditEvent): StoredAuditEntry {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    requestId: row.requestId,
    details: row.details as Record<string, unknown>,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
