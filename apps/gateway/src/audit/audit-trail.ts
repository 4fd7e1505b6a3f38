import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER } from '@salesops/service-runtime';

import { AuditRepository } from './audit.repository';

export interface AuditTrailEntry {
  actor: string | null;
  requestId: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
}

/** Records who did what to which record, in the tamper-evident trail. */
@Injectable()
export class AuditTrail {
  constructor(
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  record(action: string, entry: AuditTrailEntry): Promise<void> {
    return this.recordAll([{ action, ...entry }]);
  }

  /** Several entries in one append, e.g. each record of a page that was read. */
  async recordAll(entries: readonly (AuditTrailEntry & { action: string })[]): Promise<void> {
    if (entries.length === 0) return;
    const at = new Date().toISOString();
    try {
      await this.audit.append(
        entries.map((entry) => ({
          at,
          action: entry.action,
          actor: entry.actor,
          subject: entry.subject ?? null,
          requestId: entry.requestId,
          details: entry.details ?? {},
        })),
      );
    } catch (error) {
      // The change it reports has happened: say loudly that its record is missing.
      this.logger.error(
        { err: error, actions: entries.map((entry) => entry.action) },
        'could not write an audit entry',
      );
    }
  }
}
