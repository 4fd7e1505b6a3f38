import { Inject, Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';

export interface MovedCustomer {
  id: string;
  fromTeamId: string;
  teamId: string;
  version: number;
}

/**
 * A departure's handover: all of a member's customers moved in a few statements, whatever their
 * number, and recorded so that it is applied once and can be put back.
 */
@Injectable()
export class HandoverRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  holdings(memberId: string): Promise<number> {
    return this.prisma.customer.count({ where: { ownerId: memberId } });
  }

  find(handoverId: string, work: Work) {
    return this.prisma.within(work).customerHandover.findUnique({ where: { handoverId } });
  }

  /** Moves every customer of `from` to `to` (on `toTeamId`, or their own team when null). */
  async moveAll(
    handover: {
      handoverId: string;
      fromMemberId: string;
      toMemberId: string;
      toTeamId: string | null;
      by: string;
    },
    work: Work,
  ): Promise<MovedCustomer[]> {
    const tx = sqlOf(work);
    const moved = await tx.$queryRawUnsafe<MovedCustomer[]>(
      `WITH mine AS (
         SELECT id, "teamId" FROM customer WHERE "ownerId" = $1::uuid ORDER BY id FOR UPDATE)
       UPDATE customer c SET "ownerId" = $2::uuid, "teamId" = COALESCE($3::uuid, c."teamId"),
         version = c.version + 1, "updatedAt" = now()
       FROM mine WHERE c.id = mine.id
       RETURNING c.id, mine."teamId" AS "fromTeamId", c."teamId", c.version`,
      handover.fromMemberId,
      handover.toMemberId,
      handover.toTeamId,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO customer_history (id, "customerId", kind, "fromValue", "toValue", reason, "by", "handoverId")
       SELECT gen_random_uuid(), id, 'owner', $1, $2, 'departure handover', $3, $4::uuid
       FROM unnest($5::uuid[]) AS id`,
      handover.fromMemberId,
      handover.toMemberId,
      handover.by,
      handover.handoverId,
      moved.map((customer) => customer.id),
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO customer_handover ("handoverId", "fromMemberId", "toMemberId", "customerIds", "teamIds")
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::text[], $5::text[])`,
      handover.handoverId,
      handover.fromMemberId,
      handover.toMemberId,
      moved.map((customer) => customer.id),
      moved.map((customer) => customer.fromTeamId),
    );
    return moved;
  }

  /** Puts back the customers of a handover that still have the owner it gave them. */
  async revert(
    handover: {
      handoverId: string;
      fromMemberId: string;
      toMemberId: string;
      customerIds: string[];
      teamIds: string[];
    },
    by: string,
    work: Work,
  ): Promise<MovedCustomer[]> {
    const tx = sqlOf(work);
    const moved = await tx.$queryRawUnsafe<MovedCustomer[]>(
      `WITH back AS (SELECT * FROM unnest($3::uuid[], $4::uuid[]) AS b(id, "teamId"))
       UPDATE customer c SET "ownerId" = $1::uuid, "teamId" = back."teamId",
         version = c.version + 1, "updatedAt" = now()
       FROM back WHERE c.id = back.id AND c."ownerId" = $2::uuid
       RETURNING c.id, c."teamId" AS "fromTeamId", c."teamId", c.version`,
      handover.fromMemberId,
      handover.toMemberId,
      handover.customerIds,
      handover.teamIds,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO customer_history (id, "customerId", kind, "fromValue", "toValue", reason, "by", "handoverId")
       SELECT gen_random_uuid(), id, 'owner', $1, $2, 'departure handover reverted', $3, $4::uuid
       FROM unnest($5::uuid[]) AS id`,
      handover.toMemberId,
      handover.fromMemberId,
      by,
      handover.handoverId,
      moved.map((customer) => customer.id),
    );
    await tx.$executeRawUnsafe(
      `UPDATE customer_handover SET "revertedAt" = now() WHERE "handoverId" = $1::uuid`,
      handover.handoverId,
    );
    return moved;
  }
}
