import { Inject, Injectable } from '@nestjs/common';

import { appendToOutbox } from '@salesops/messaging';
import {
  LEVEL_LADDERS,
  type MemberRecord,
  MembersEvents,
  type MembersRpc,
} from '@salesops/members-contracts';
import { present, viewerOf } from '@salesops/policy';
import {
  type CallContext,
  DomainError,
  type IdentityClaims,
  type RpcRequest,
  personOf,
} from '@salesops/rpc';
import { type Work, UnitOfWork } from '@salesops/persistence';

import { DepartureSaga } from '../departures/departure-saga.service';
import { isPerson } from '../members/is-person';
import { requireAuthority } from '../members/authority';
import { canSeeMember } from '../members/member.presenter';
import { type MemberRow, MembersRepository } from '../members/members.repository';
import { Reachable } from '../members/reachable';
import { MemberRecordsRepository, type RecordRow } from './member-records.repository';

/** Who must approve a sanction before it takes effect (domain.md §1). */
const APPROVAL: Record<string, 'none' | 'manager' | 'director'> = {
  warning: 'none',
  fine: 'manager',
  demotion: 'manager',
  dismissal: 'director',
};

/** Commendations and sanctions in a member's file, and the approvals sanctions need. */
@Injectable()
export class MemberRecordsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(MemberRecordsRepository) private readonly records: MemberRecordsRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(DepartureSaga) private readonly departures: DepartureSaga,
    @Inject(Reachable) private readonly reach: Reachable,
  ) {}

  async commend(
    request: RpcRequest<typeof MembersRpc.issueCommendation>,
    identity: IdentityClaims,
  ): Promise<MemberRecord> {
    const member = await this.reach.activeMember(request.memberId, identity);
    requireAuthority(identity, 'commend', member);
    const row = await this.unitOfWork.run(async (work) => {
      const record = await this.records.create(
        {
          ...recordColumnsOf(request.input),
          memberId: member.id,
          teamId: member.teamId,
          kind: 'commendation',
          status: 'issued',
          issuedBy: personOf(identity),
        },
        work,
      );
      await appendToOutbox(work, MembersEvents.commendationIssued, member.id, {
        recordId: record.id,
        memberId: member.id,
        teamId: member.teamId,
        type: record.type,
        issuedAt: record.createdAt.toISOString(),
      });
      return record;
    });
    return presentRecord(toRecord(row), identity);
  }

  async sanction(
    request: RpcRequest<typeof MembersRpc.issueSanction>,
    identity: IdentityClaims,
  ): Promise<MemberRecord> {
    const member = await this.reach.activeMember(request.memberId, identity);
    requireAuthority(identity, 'sanction', member);
    const { input } = request;
    if (input.kind === 'demotion') lowerLevelOf(member);
    const immediate = APPROVAL[input.kind] === 'none';
    const row = await this.unitOfWork.run(async (work) => {
      const record = await this.records.create(
        {
          ...recordColumnsOf(input),
          memberId: member.id,
          teamId: member.teamId,
          kind: 'sanction',
          status: immediate ? 'issued' : 'pending_approval',
          issuedBy: personOf(identity),
        },
        work,
      );
      if (immediate) await this.announceSanction(record, work);
      return record;
    });
    return presentRecord(toRecord(row), identity);
  }

  /**
   * A manager or above decides a fine or demotion, a director a dismissal, never the one who issued
   * it. An approved demotion lowers the level one step; an approved dismissal departs the member,
   * handing over what they own.
   */
  async decide(
    request: RpcRequest<typeof MembersRpc.decideSanction>,
    context: CallContext,
  ): Promise<MemberRecord> {
    const identity = context.identity as IdentityClaims;
    const record = await this.records.findById(request.id);
    const member = record && (await this.members.findById(record.memberId));
    if (!record || record.kind !== 'sanction' || !member || !canSeeMember(member, identity)) {
      throw new DomainError('RECORD_NOT_FOUND');
    }
    if (record.status !== 'pending_approval') throw new DomainError('SANCTION_ALREADY_DECIDED');
    const approve = request.decision === 'approve';
    const demotedTo = approve && record.type === 'demotion' ? [lowerLevelOf(member)] : [];
    requireAuthority(identity, 'decide-sanction', member, demotedTo);
    if (isPerson(record.issuedBy, identity)) throw new DomainError('SANCTION_SELF_DECISION');
    if (
      APPROVAL[record.type] === 'director' &&
      !identity.permissions.includes('sanctions:approve-dismissal')
    ) {
      throw new DomainError('DISMISSAL_NEEDS_DIRECTOR');
    }
    const version = request.expectedVersion ?? record.version;
    if (version !== record.version) throw new DomainError('VERSION_MISMATCH');
    const recordDecision = async (work: Work): Promise<RecordRow> => {
      const decided = await this.records.decide(
        record.id,
        version,
        { status: approve ? 'issued' : 'rejected', decidedBy: personOf(identity) },
        work,
      );
      if (approve && record.type === 'demotion') {
        const current = (await this.members.findById(member.id, work)) as MemberRow;
        await this.members.changeStatus(
          member.id,
          current.version,
          { level: lowerLevelOf(current) },
          work,
        );
      }
      if (approve) await this.announceSanction(decided, work);
      return decided;
    };
    if (!(approve && record.type === 'dismissal')) {
      const row = await this.unitOfWork.run(recordDecision);
      return presentRecord(toRecord(row), identity);
    }
    if (!request.input.handoverTo) {
      throw new DomainError('VALIDATION_FAILED', 'A dismissal names who takes over', undefined, [
        { path: 'body.handoverTo', message: 'required to approve a dismissal' },
      ]);
    }
    let decided: RecordRow | undefined;
    await this.departures.depart(
      {
        id: member.id,
        expectedVersion: null,
        idempotencyKey: null,
        input: {
          reason: `dismissal: ${record.reason}`,
          reasonKind: 'dismissed',
          handoverTo: request.input.handoverTo,
        },
      },
      context,
      async (work) => {
        decided = await recordDecision(work);
      },
    );
    return presentRecord(toRecord(decided as RecordRow), identity);
  }

  async list(
    { id: memberId }: RpcRequest<typeof MembersRpc.listRecords>,
    identity: IdentityClaims,
  ): Promise<{ items: MemberRecord[] }> {
    // A departed member's records stay readable; nothing new is filed for them.
    await this.reach.member(memberId, identity);
    const rows = await this.records.ofMember(memberId);
    return { items: rows.map((row) => presentRecord(toRecord(row), identity)) };
  }

  private async announceSanction(record: RecordRow, work: Work): Promise<void> {
    await appendToOutbox(work, MembersEvents.sanctionIssued, record.memberId, {
      recordId: record.id,
      memberId: record.memberId,
      teamId: record.teamId,
      type: record.type,
      effectiveAt: (record.decidedAt ?? record.createdAt).toISOString(),
    });
  }
}

/** The level one step down the member's ladder; there is none below the first. */
export function lowerLevelOf(member: { track: string; level: string }): string {
  const ladders: readonly (readonly string[])[] =
    LEVEL_LADDERS[member.track as keyof typeof LEVEL_LADDERS] ?? [];
  const ladder = ladders.find((steps) => steps.includes(member.level));
  const index = ladder ? ladder.indexOf(member.level) : -1;
  if (!ladder || index <= 0) throw new DomainError('DEMOTION_BELOW_LADDER');
  return ladder[index - 1] as string;
}

/** The columns keep their first names: `kind` holds the category, `type` the record's kind. */
function recordColumnsOf<Input extends { kind: string }>({
  kind,
  ...rest
}: Input): Omit<Input, 'kind'> & { type: string } {
  return { ...rest, type: kind };
}

function toRecord(row: RecordRow): MemberRecord {
  return {
    id: row.id,
    memberId: row.memberId,
    teamId: row.teamId,
    category: row.kind as MemberRecord['category'],
    kind: row.type as MemberRecord['kind'],
    reason: row.reason,
    amount: row.amount?.toFixed(2) ?? null,
    status: row.status as MemberRecord['status'],
    issuedBy: row.issuedBy,
    approvedBy: row.decidedBy,
    issuedAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    version: row.version,
  };
}

/** As the policy shows it; whoever issued a commendation or fine sees the amount they set. */
function presentRecord(record: MemberRecord, identity: IdentityClaims): MemberRecord {
  const shown = present(
    'record',
    record,
    viewerOf(identity, { teamId: record.teamId, ownerId: record.memberId }),
  ) as MemberRecord;
  return isPerson(record.issuedBy, identity) ? { ...shown, amount: record.amount } : shown;
}
