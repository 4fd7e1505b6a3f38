import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import type { ListMembersQuery } from '@salesops/members-contracts';
import { type EventEnvelope, outboxInsertOf, outboxSignal } from '@salesops/messaging';
import {
  FieldCipher,
  type Work,
  atVersion,
  versionedUpdate,
  keysetPage,
} from '@salesops/persistence';
import { DomainError, type Reach } from '@salesops/rpc';

import {
  type Prisma,
  type Member as MemberRow,
  type MemberPlacement,
} from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { notBackingOff } from '../sweeps/sweep-kind';
import { openContact, sealContact } from './contact-fields';

/** The rows this repository returns: what services work with, never Prisma's client. */
export type { Member as MemberRow } from '../generated/prisma/client';

export interface NewMember {
  id: string;
  employeeNo: string;
  name: string;
  phone?: string | null;
  wechatId?: string | null;
  email?: string | null;
  teamId: string;
  position: string;
  track: string;
  level: string;
  status: string;
  hiredAt: Date;
  probationEndsAt: Date | null;
}

type SortField = 'employeeNo' | 'name' | 'hiredAt';

export interface MemberPatch {
  name?: string;
  phone?: string | null;
  wechatId?: string | null;
  email?: string | null;
}

export interface StatusChange {
  status?: string;
  level?: string;
  teamId?: string;
  position?: string;
  probationEndsAt?: Date | null;
  probationExtended?: boolean;
  departedAt?: Date | null;
  departureReason?: string | null;
  departureKind?: string | null;
  statusBeforeSuspension?: string | null;
}

export interface NewSuspension {
  memberId: string;
  kind: string;
  reason: string;
  suspendedBy: string;
}

export interface NewProbationReview {
  memberId: string;
  decision: string;
  notes: string;
  reviewerId: string;
  checkpoint: object;
}

/** Which members a caller reaches: all, some teams', or one (themself: a member owns their record). */
function reachWhere(reach: Reach): Prisma.MemberWhereInput {
  if ('all' in reach) return {};
  if ('teamIds' in reach) return { teamId: { in: reach.teamIds } };
  return { id: reach.ownerId ?? { in: [] } };
}

@Injectable()
export class MembersRepository {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
  ) {}

  async findById(id: string, work?: Work): Promise<MemberRow | null> {
    const tx = this.prisma.within(work);
    // Prisma's model query, not raw SQL: measured on the bench read, $queryRawUnsafe cost more
    // CPU in this process and several times more in PostgreSQL (no prepared plan).
    const row = await tx.member.findUnique({ where: { id } });
    return row && openContact(this.cipher, 'member', row);
  }

  /** Which of these ids are members of the team who have not departed. */
  async currentOfTeam(teamId: string, ids: readonly string[], work: Work): Promise<string[]> {
    const tx = this.prisma.within(work);
    const rows = await tx.member.findMany({
      where: { teamId, id: { in: [...ids] }, status: { not: 'departed' } },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /**
   * A new member, the start of their placement history and the event that announces them, in one
   * statement: the service's hot write, where Prisma's model creates and interactive transaction
   * cost several times the CPU of the SQL they send (measured while building bench/).
   */
  async create(member: NewMember, event: EventEnvelope, work?: Work): Promise<MemberRow> {
    const tx = this.prisma.within(work);
    const sealed = sealContact(this.cipher, member, { table: 'member', rowId: member.id });
    const outbox = outboxInsertOf(event, 16);
    const [row] = await tx.$queryRawUnsafe<MemberRow[]>(
      `WITH created AS (
         INSERT INTO member (id, "employeeNo", name, phone, "wechatId", email, "phoneIndex",
           "teamId", position, track, level, status, "hiredAt", "probationEndsAt", "updatedAt")
         VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::uuid, $9, $10, $11, $12,
           $13::timestamptz, $14::timestamptz, now())
         RETURNING *),
       placed AS (
         INSERT INTO member_placement (id, "memberId", "teamId", position, "startedAt")
         SELECT $15::uuid, id, "teamId", position, "hiredAt" FROM created),
       announced AS (${outbox.sql})
       SELECT * FROM created`,
      sealed.id,
      sealed.employeeNo,
      sealed.name,
      sealed.phone ?? null,
      sealed.wechatId ?? null,
      sealed.email ?? null,
      sealed.phoneIndex ?? null,
      sealed.teamId,
      sealed.position,
      sealed.track,
      sealed.level,
      sealed.status,
      sealed.hiredAt,
      sealed.probationEndsAt,
      randomUUID(),
      ...outbox.values,
    );
    outboxSignal.emit('appended');
    return openContact(this.cipher, 'member', row as MemberRow);
  }

  /** Moves a member to a team and position, closing their current placement. */
  async transfer(
    id: string,
    expectedVersion: number,
    placement: { teamId: string; position: string },
    work: Work,
  ): Promise<MemberRow> {
    const tx = this.prisma.within(work);
    const row = await this.changeStatus(id, expectedVersion, placement, work);
    const now = new Date();
    await tx.memberPlacement.updateMany({
      where: { memberId: id, endedAt: null },
      data: { endedAt: now },
    });
    await tx.memberPlacement.create({ data: { memberId: id, ...placement, startedAt: now } });
    return row;
  }

  placements(memberId: string): Promise<MemberPlacement[]> {
    return this.prisma.memberPlacement.findMany({
      where: { memberId },
      orderBy: { startedAt: 'asc' },
    });
  }

  /** Applies the patch only if the row still has the expected version (when one is given). */
  async update(
    id: string,
    expectedVersion: number | null,
    patch: MemberPatch,
    work: Work,
  ): Promise<MemberRow> {
    const tx = this.prisma.within(work);
    return versionedUpdate(
      new DomainError('MEMBER_NOT_FOUND'),
      () =>
        tx.member.updateMany(
          atVersion(
            id,
            expectedVersion,
            sealContact(this.cipher, patch, { table: 'member', rowId: id }),
          ),
        ),
      () => this.findById(id, work),
    );
  }

  /** A change of status (and what goes with it), only from the version the rules were checked on. */
  async changeStatus(
    id: string,
    expectedVersion: number,
    change: StatusChange,
    work: Work,
  ): Promise<MemberRow> {
    const tx = this.prisma.within(work);
    const row = await versionedUpdate(
      new DomainError('MEMBER_NOT_FOUND'),
      () => tx.member.updateMany(atVersion(id, expectedVersion, change)),
      () => this.findById(id, work),
    );
    if (change.status === 'departed') {
      await tx.memberPlacement.updateMany({
        where: { memberId: id, endedAt: null },
        data: { endedAt: change.departedAt ?? new Date() },
      });
    }
    return row;
  }

  /**
   * Members in probation whose end has passed unannounced, locked for this transaction (another
   * instance skips them), so each end is announced once.
   */
  async claimDueProbation(work: Work): Promise<string | null> {
    const tx = this.prisma.within(work);
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM member
        WHERE status = 'probation' AND "probationEndsAt" <= now()
          AND ("probationDueAnnouncedAt" IS NULL OR "probationDueAnnouncedAt" < "probationEndsAt")
          AND ${notBackingOff('probation-due', 'member.id')}
        ORDER BY "probationEndsAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
    );
    return rows[0]?.id ?? null;
  }

  /** Stamped by the database clock, the one the due time was judged by. */
  async markProbationDueAnnounced(id: string, work: Work): Promise<MemberRow | null> {
    const tx = this.prisma.within(work);
    await tx.$executeRawUnsafe(
      `UPDATE member SET "probationDueAnnouncedAt" = now() WHERE id = $1::uuid`,
      id,
    );
    return this.findById(id, work);
  }

  async recordProbationReview(review: NewProbationReview, work: Work): Promise<void> {
    const tx = this.prisma.within(work);
    await tx.probationReview.create({
      data: { ...review, checkpoint: review.checkpoint },
    });
  }

  async recordSuspension(suspension: NewSuspension, work: Work): Promise<void> {
    const tx = this.prisma.within(work);
    await tx.suspension.create({ data: suspension });
  }

  async endSuspension(memberId: string, work: Work): Promise<void> {
    const tx = this.prisma.within(work);
    await tx.suspension.updateMany({
      where: { memberId, reinstatedAt: null },
      data: { reinstatedAt: new Date() },
    });
  }

  /** Keyset pagination on (sort field, id) within the caller's reach; one row more than asked. */
  async list(query: ListMembersQuery, reach: Reach): Promise<MemberRow[]> {
    const field = query.sort.replace(/^-/, '') as SortField;
    const page = keysetPage<Prisma.MemberWhereInput, Prisma.MemberOrderByWithRelationInput>(
      query,
      field,
      query.sort.startsWith('-') ? 'desc' : 'asc',
      (value) => (field === 'hiredAt' ? new Date(String(value)) : value),
    );
    const rows = await this.prisma.member.findMany({
      where: {
        AND: [reachWhere(reach)],
        ...(query.teamId ? { teamId: query.teamId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.position ? { position: query.position } : {}),
        ...(query.phone ? { phoneIndex: this.cipher.blindIndex(query.phone) } : {}),
        ...page.after,
      },
      orderBy: page.orderBy,
      take: page.take,
    });
    return rows.map((row) => openContact(this.cipher, 'member', row));
  }
}
