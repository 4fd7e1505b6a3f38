import { Inject, Injectable } from '@nestjs/common';

import type { Application, Member } from '@salesops/members-contracts';
import { clearContactReads, type Resource, viewerOf } from '@salesops/policy';
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

  ofMembers(
    context: CallContext,
    members: readonly Member[],
    options: { maskContact?: boolean } = {},
  ): Promise<void> {
    return this.of(context, 'member', members, (member) => member.id, options);
  }

  ofApplications(
    context: CallContext,
    applications: readonly Application[],
    options: { maskContact?: boolean } = {},
  ): Promise<void> {
    return this.of(context, 'application', applications, () => null, options);
  }

  private async of<R extends { id: string; teamId: string }>(
    { identity, requestId }: CallContext,
    resource: Resource,
    records: readonly R[],
    ownerOf: (record: R) => string | null,
    options: { maskContact?: boolean },
  ): Promise<void> {
    if (!identity) return;
    await this.audit.recordAll(
      records.flatMap((record) => {
        const viewer = viewerOf(
          identity,
          { teamId: record.teamId, ownerId: ownerOf(record) },
          options,
        );
        const fields = clearContactReads(resource, record, viewer);
        return fields.length === 0
          ? []
          : [
              {
                action: 'contact.read',
                actor: identity.caller.id,
                requestId,
                subject: record.id,
                details: { resource, fields },
              },
            ];
      }),
    );
  }
}
