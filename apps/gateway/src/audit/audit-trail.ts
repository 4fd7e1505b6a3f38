import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

import { LOGGER, requestContext } from '@salesops/service-runtime';

import { AuditRepository } from './audit.repository';

/** Records who did what to which record, in the tamper-evident trail. */
@Injectable()
export class AuditTrail {
  constructor(
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(
    action: string,
    entry: {
      actor?: string | null;
      subject?: string | null;
      requestId?: string;
      details?: Record<string, unknown>;
    },
  ): Promise<void> {
    const context = requestContext.current();
    try {
      await this.audit.append({
        at: new Date().toISOString(),
        action,
        actor: entry.actor ?? context?.actor ?? null,
        subject: entry.subject ?? null,
        requestId: entry.requestId ?? context?.requestId ?? null,
        details: entry.details ?? {},
      });
    } catch (error) {
      // The change it reports has happened: say loudly that its record is missing.
      this.logger.error({ err: error, action }, 'could not write an audit entry');
    }
  }
}
