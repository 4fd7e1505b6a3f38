import { Inject, Injectable } from '@nestjs/common';

import { type Work, atVersion, versionedUpdate, newestFirst } from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import { notBackingOff } from '../sweeps/sweep-kind';
import type { Prisma } from '../generated/prisma/client';

const withObjections = { objections: { orderBy: { createdAt: 'asc' } } } as const;
export type PromotionRow = Prisma.PromotionGetPayload<{ include: typeof withObjections }>;
export type NewPromotion = Omit<
  Prisma.PromotionUncheckedCreateInput,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'objections'
>;
export type PromotionChange = Omit<Prisma.PromotionUncheckedUpdateManyInput, 'version'>;

export const OPEN_STATUSES = ['submitted', 'assessed', 'in_notice'];

@Injectable()
export class PromotionsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Serialises applications of one member, so two cannot both find none open. */
  async lockMember(memberId: string, work: Work): Promise<void> {
    const tx = this.prisma.within(work);
    await tx.$executeRawUnsafe(`SELECT 1 FROM member WHERE id = $1::uuid FOR UPDATE`, memberId);
  }

  countOpen(memberId: string, work: Work): Promise<number> {
    const tx = this.prisma.within(work);
    return tx.promotion.count({ where: { memberId, status: { in: OPEN_STATUSES } } });
  }

  async create(promotion: NewPromotion, work: Work): Promise<PromotionRow> {
    const tx = this.prisma.within(work);
    return tx.promotion.create({
      data: {
        ...promotion,
        evidence: promotion.evidence as Prisma.InputJsonObject,
      },
      include: withObjections,
    });
  }

  findById(id: string, work?: Work): Promise<PromotionRow | null> {
    const tx = this.prisma.within(work);
    return tx.promotion.findUnique({ where: { id }, include: withObjections });
  }

  async change(
    id: string,
    expectedVersion: number,
    change: PromotionChange,
    work: Work,
  ): Promise<PromotionRow> {
    const tx = this.prisma.within(work);
    return versionedUpdate(
      new DomainError('PROMOTION_NOT_FOUND'),
      () => tx.promotion.updateMany(atVersion(id, expectedVersion, change)),
      () => this.findById(id, work),
    );
  }

  async addObjection(
    promotionId: string,
    filedBy: string,
    reason: string,
    work: Work,
  ): Promise<void> {
    const tx = this.prisma.within(work);
    await tx.promotionObjection.create({
      data: { promotionId, filedBy, reason, status: 'open' },
    });
  }

  async ruleOnObjection(objectionId: string, status: string, work: Work): Promise<void> {
    const tx = this.prisma.within(work);
    await tx.promotionObjection.update({ where: { id: objectionId }, data: { status } });
  }

  /**
   * A promotion whose notice has ended (by the database clock) without an open objection and that
   * is not waiting for a retry, locked for this transaction:
   * another instance sweeping at the same time skips them, so each becomes effective once.
   */
  async claimDue(work: Work): Promise<string | null> {
    const tx = this.prisma.within(work);
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT p.id FROM promotion p
        WHERE p.status = 'in_notice' AND p."noticeEndsAt" <= now()
          AND NOT EXISTS (SELECT 1 FROM promotion_objection o
                           WHERE o."promotionId" = p.id AND o.status = 'open')
          AND ${notBackingOff('promotion-effective', 'p.id')}
        ORDER BY p."noticeEndsAt"
        LIMIT 1
        FOR UPDATE OF p SKIP LOCKED`,
    );
    return rows[0]?.id ?? null;
  }

  list(
    query: { limit: number; cursor?: string; memberId?: string; status?: string },
    teamIds: string[] | null,
  ): Promise<PromotionRow[]> {
    const page = newestFirst<Prisma.PromotionWhereInput, Prisma.PromotionOrderByWithRelationInput>(
      query,
    );
    return this.prisma.promotion.findMany({
      where: {
        AND: [
          teamIds === null ? {} : { teamId: { in: teamIds } },
          query.memberId ? { memberId: query.memberId } : {},
          query.status ? { status: query.status } : {},
          page.after,
        ],
      },
      include: withObjections,
      orderBy: page.orderBy,
      take: page.take,
    });
  }
}
