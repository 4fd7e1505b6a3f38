import { Inject, Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';

const OPEN = `status NOT IN ('completed', 'cancelled')`;

/**
 * A departure's handover of open orders in a few statements, whatever their number, recorded so
 * that it is applied once and can be put back.
 */
@Injectable()
export class OrderHandoverRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  holdings(memberId: string): Promise<number> {
    return this.prisma.order.count({
      where: { ownerId: memberId, status: { notIn: ['completed', 'cancelled'] } },
    });
  }

  find(handoverId: string, work: Work) {
    return this.prisma.within(work).orderHandover.findUnique({ where: { handoverId } });
  }

  /** Moves every open order of `from` to `to`, with a timeline entry each, and records the move. */
  async moveOpen(
    handover: { handoverId: string; fromMemberId: string; toMemberId: string; by: string },
    work: Work,
  ): Promise<string[]> {
    const tx = sqlOf(work);
    const moved = await tx.$queryRawUnsafe<{ id: string; status: string }[]>(
      `UPDATE "order" SET "ownerId" = $2::uuid, version = version + 1, "updatedAt" = now()
       WHERE "ownerId" = $1::uuid AND ${OPEN} RETURNING id, status`,
      handover.fromMemberId,
      handover.toMemberId,
    );
    await this.record(moved, 'handover', handover.by, handover.toMemberId, work);
    await tx.$executeRawUnsafe(
      `INSERT INTO order_handover ("handoverId", "fromMemberId", "toMemberId", "orderIds")
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid[])`,
      handover.handoverId,
      handover.fromMemberId,
      handover.toMemberId,
      moved.map((order) => order.id),
    );
    return moved.map((order) => order.id);
  }

  /** Puts back the orders of a handover that the successor still owns. */
  async revert(
    handover: { handoverId: string; fromMemberId: string; toMemberId: string; orderIds: string[] },
    by: string,
    work: Work,
  ): Promise<number> {
    const tx = sqlOf(work);
    const back = await tx.$queryRawUnsafe<{ id: string; status: string }[]>(
      `UPDATE "order" SET "ownerId" = $1::uuid, version = version + 1, "updatedAt" = now()
       WHERE id = ANY($3::uuid[]) AND "ownerId" = $2::uuid RETURNING id, status`,
      handover.fromMemberId,
      handover.toMemberId,
      handover.orderIds,
    );
    await this.record(back, 'handover-reverted', by, handover.fromMemberId, work);
    await tx.$executeRawUnsafe(
      `UPDATE order_handover SET "revertedAt" = now() WHERE "handoverId" = $1::uuid`,
      handover.handoverId,
    );
    return back.length;
  }

  private async record(
    orders: { id: string; status: string }[],
    action: string,
    by: string,
    ownerId: string,
    work: Work,
  ): Promise<void> {
    if (orders.length === 0) return;
    await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO order_timeline (id, "orderId", action, "fromStatus", "toStatus", details, "by")
       SELECT gen_random_uuid(), moved.id, $1, moved.status, moved.status,
         jsonb_build_object('ownerId', $2::text), $3
       FROM unnest($4::uuid[], $5::text[]) AS moved(id, status)`,
      action,
      ownerId,
      by,
      orders.map((order) => order.id),
      orders.map((order) => order.status),
    );
  }
}
