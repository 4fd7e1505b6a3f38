import { Inject, Injectable } from '@nestjs/common';

import type { Member } from '@salesops/members-contracts';
import { clearContactReads, viewerOf } from '@salesops/policy';
import type { CallContext } from '@salesops/rpc';

import { AuditTrail } from './audit-trail';

/**
 * Every contact field shown in clear to someone other than the record's owner is written to the
 * audit trail: one entry per record, naming the fields. The policy decides what was clear, the
 * same way it did when the service presented the record.
 */
@Injectable()
export class ContactReads {
  constructor(@Inject(AuditTrail) private readonly audit: AuditTrail) {}

  async ofMembers(
    { identity, requestId }: CallContext,
    members: readonly Member[],
    options: { maskContact?: boolean } = {},
  ): Promise<void> {
    if (!identity) return;
    await this.audit.recordAll(
      members.flatMap((member) => {
        const viewer = viewerOf(identity, { teamId: member.teamId, ownerId: member.id }, options);
        const fields = clearContactReads('member', member, viewer);
        return fields.length === 0
          ? []
          : [
              {
                action: 'contact.read',
                actor: identity.caller.id,
                requestId,
                subject: member.id,
                details: { resource: 'member', fields },
              },
            ];
      }),
    );
  }
}
