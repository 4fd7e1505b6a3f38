import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { type Keyset, keysetPage, type Work } from '@salesops/persistence';

import type { Prisma } from '../generated/prisma/client';

import { PrismaService } from '../database/prisma.service';

export interface TargetRow {
  id: string;
  period: string;
  memberId: string | null;
  teamId: string | null;
  salesAmount: bigint;
  newCustomers: number | null;
  ordersCompleted: number | null;
}

export interface TargetValues {
  salesAmount: bigint;
  newCustomers: number | null;
  ordersCompleted: number | null;
}

@Injectable()
export class TargetsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** One page (by id) of a month's targets of these members and teams. */
  list(
    period: string,
    filter: { memberIds?: string[]; teamIds?: string[] },
    page: Keyset,
  ): Promise<TargetRow[]> {
    const keyset = keysetPage<Prisma.KpiTargetWhereInput, Prisma.KpiTargetOrderByWithRelationInput>(
      page,
      'id',
      'asc',
    );
    return this.prisma.kpiTarget.findMany({
      where: {
        period,
        OR: [
          ...(filter.memberIds ? [{ memberId: { in: filter.memberIds } }] : []),
          ...(filter.teamIds ? [{ teamId: { in: filter.teamIds } }] : []),
        ],
        AND: [keyset.after],
      },
      orderBy: keyset.orderBy,
      take: keyset.take,
      select: TARGET_FIELDS,
    });
  }

  /** The members' targets summed over the months `from`–`to` (a year sums its months). */
  async ofMembers(
    memberIds: readonly string[],
    from: string,
    to: string,
  ): Promise<Map<string, TargetValues>> {
    if (memberIds.length === 0) return new Map();
    const rows = await this.prisma.$queryRawUnsafe<
      {
        memberId: string;
        salesAmount: bigint;
        newCustomers: bigint | null;
        ordersCompleted: bigint | null;
      }[]
    >(
      `SELECT "memberId"::text AS "memberId", SUM("salesAmount")::bigint AS "salesAmount",
              SUM("newCustomers")::bigint AS "newCustomers",
              SUM("ordersCompleted")::bigint AS "ordersCompleted"
       FROM kpi_target WHERE "memberId" = ANY($1::uuid[]) AND period BETWEEN $2 AND $3
       GROUP BY "memberId"`,
      memberIds,
      from,
      to,
    );
    return new Map(
      rows.map((row) => [
        row.memberId,
        {
          salesAmount: row.salesAmount,
          newCustomers: row.newCustomers === null ? null : Number(row.newCustomers),
          ordersCompleted: row.ordersCompleted === null ? null : Number(row.ordersCompleted),
        },
      ]),
    );
  }

  async ofTeams(teamIds: readonly string[] | null, from: string, to: string) {
    const rows = await this.prisma.$queryRawUnsafe<{ teamId: string; salesAmount: bigint }[]>(
      `SELECT "teamId"::text AS "teamId", SUM("salesAmount")::bigint AS "salesAmount"
       FROM kpi_target WHERE "teamId" IS NOT NULL AND period BETWEEN $2 AND $3
         AND ($1::uuid[] IS NULL OR "teamId" = ANY($1::uuid[]))
       GROUP BY "teamId"`,
      teamIds,
      from,
      to,
    );
    return new Map(rows.map((row) => [row.teamId, row.salesAmount]));
  }

  async put(
    subject: { period: string; memberId: string | null; teamId: string | null },
    values: TargetValues,
    by: string,
    work: Work,
  ): Promise<TargetRow> {
    const tx = this.prisma.within(work);
    const data = { ...values, updatedBy: by };
    const existing = await tx.kpiTarget.findFirst({ where: subject, select: { id: true } });
    return existing
      ? tx.kpiTarget.update({ where: { id: existing.id }, data, select: TARGET_FIELDS })
      : tx.kpiTarget.create({
          data: { id: randomUUID(), ...subject, ...data },
          select: TARGET_FIELDS,
        });
  }
}

const TARGET_FIELDS = {
  id: true,
  period: true,
  memberId: true,
  teamId: true,
  salesAmount: true,
  newCustomers: true,
  ordersCompleted: true,
} as const;
