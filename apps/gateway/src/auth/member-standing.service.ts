import { Inject, Injectable } from '@nestjs/common';

import { type Work } from '@salesops/persistence';

import { AuditTrail } from '../audit/audit-trail';
import { MemberStandingRepository } from './member-standing.repository';
import { SessionsService } from './sessions.service';

/** Where a member's status change was learnt: the members event, or the gateway's own answer. */
export interface StandingSource {
  requestId: string | null;
  eventId: string | null;
}

/**
 * What a member's departure or suspension does to their users, applied once per member version:
 * whichever comes first, the gateway's own answer to the change or the members event, applies it,
 * and the other, not newer, changes nothing.
 */
@Injectable()
export class MemberStanding {
  constructor(
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(MemberStandingRepository) private readonly standing: MemberStandingRepository,
  ) {}

  /** Every session ends and the member's users are disabled for good. */
  async departed(memberId: string, version: number, source: StandingSource, work: Work) {
    if (!(await this.standing.advance(memberId, 'status', version, work))) return;
    const disabled = await this.sessions.disableForMember(memberId, work);
    await this.audit.recordAll(
      disabled.map((userId) => ({
        action: 'user.disabled',
        actor: null,
        subject: userId,
        requestId: source.requestId,
        details: {
          memberId,
          reason: 'member departed',
          ...(source.eventId ? { eventId: source.eventId } : {}),
        },
      })),
    );
  }

  /** Every session ends; the users sign in again once the member is reinstated. */
  async suspended(memberId: string, version: number, work: Work) {
    if (!(await this.standing.advance(memberId, 'status', version, work))) return;
    await this.sessions.endForMember(memberId, 'member suspended', work);
  }
}
