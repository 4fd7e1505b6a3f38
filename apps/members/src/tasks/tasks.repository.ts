import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';

/** A member a task is about, as the authority rule needs them. */
export interface TaskMember {
  memberId: string;
  memberName: string;
  teamId: string;
  position: string;
}

export interface PromotionWaiting extends TaskMember {
  id: string;
  status: 'submitted' | 'assessed';
  toLevel: string;
  createdAt: Date;
}

export interface SanctionWaiting extends TaskMember {
  id: string;
  type: string;
  issuedBy: string;
  createdAt: Date;
}

export interface LeaveWaiting extends TaskMember {
  id: string;
  startsOn: Date;
}

export interface ProbationEnding extends TaskMember {
  probationEndsAt: Date;
}

/** How many of each kind a to-do list shows at most. */
const LIMIT = 100;

/**
 * What waits for a decision, within the teams given (null: every team). The caller's authority is
 * judged by the service on what these return.
 */
@Injectable()
export class TasksRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  promotions(within: string[] | null): Promise<PromotionWaiting[]> {
    return this.prisma.$queryRaw<PromotionWaiting[]>`
      SELECT p.id, p.status, p."toLevel", p."createdAt",
             m.id AS "memberId", m.name AS "memberName", m."teamId", m.position
        FROM promotion p JOIN member m ON m.id = p."memberId"
       WHERE p.status IN ('submitted', 'assessed')
         AND (${within}::uuid[] IS NULL OR m."teamId" = ANY(${within}::uuid[]))
       ORDER BY p."createdAt", p.id
       LIMIT ${LIMIT}`;
  }

  sanctions(within: string[] | null): Promise<SanctionWaiting[]> {
    return this.prisma.$queryRaw<SanctionWaiting[]>`
      SELECT r.id, r.type, r."issuedBy", r."createdAt",
             m.id AS "memberId", m.name AS "memberName", m."teamId", m.position
        FROM member_record r JOIN member m ON m.id = r."memberId"
       WHERE r.kind = 'sanction' AND r.status = 'pending_approval'
         AND (${within}::uuid[] IS NULL OR m."teamId" = ANY(${within}::uuid[]))
       ORDER BY r."createdAt", r.id
       LIMIT ${LIMIT}`;
  }

  leave(within: string[] | null): Promise<LeaveWaiting[]> {
    return this.prisma.$queryRaw<LeaveWaiting[]>`
      SELECT l.id, l."startsOn",
             m.id AS "memberId", m.name AS "memberName", m."teamId", m.position
        FROM leave_request l JOIN member m ON m.id = l."memberId"
       WHERE l.status = 'pending'
         AND (${within}::uuid[] IS NULL OR m."teamId" = ANY(${within}::uuid[]))
       ORDER BY l."startsOn", l.id
       LIMIT ${LIMIT}`;
  }

  /** Members in probation whose probation ends before `before` (or has ended unreviewed). */
  probationsEnding(within: string[] | null, before: Date): Promise<ProbationEnding[]> {
    return this.prisma.$queryRaw<ProbationEnding[]>`
      SELECT m.id AS "memberId", m.name AS "memberName", m."teamId", m.position,
             m."probationEndsAt"
        FROM member m
       WHERE m.status = 'probation' AND m."probationEndsAt" <= ${before}
         AND (${within}::uuid[] IS NULL OR m."teamId" = ANY(${within}::uuid[]))
       ORDER BY m."probationEndsAt", m.id
       LIMIT ${LIMIT}`;
  }
}
