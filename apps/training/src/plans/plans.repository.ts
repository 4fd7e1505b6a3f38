import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { newestFirst, sqlOf, type Work } from '@salesops/persistence';
import type { ListTrainingPlansQuery } from '@salesops/training-contracts';

import { PrismaService } from '../database/prisma.service';
import type {
  Prisma,
  TrainingPlan as PlanRow,
  TrainingPlanItem as PlanItemRow,
} from '../generated/prisma/client';

export type {
  TrainingPlan as PlanRow,
  TrainingPlanItem as PlanItemRow,
} from '../generated/prisma/client';

/** An item's month as instants, `[from, to)`, to count what was held in it. */
export interface ItemMonth {
  itemId: string;
  from: Date;
  to: Date;
}

export interface ItemProgress {
  itemId: string;
  courseTitle: string;
  category: string;
  sessionsScheduled: number;
  sessionsHeld: number;
  enrolled: number;
  attended: number;
}

@Injectable()
export class PlansRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** The plan and its items; null when the team has a plan for the year already. */
  async createOnce(
    plan: Omit<PlanRow, 'createdAt'>,
    items: Omit<PlanItemRow, 'id' | 'planId'>[],
    work: Work,
  ): Promise<PlanRow | null> {
    const inserted = await sqlOf(work).$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO training_plan (id, "teamId", year, "createdBy")
       VALUES ($1::uuid, $2::uuid, $3, $4)
       ON CONFLICT ("teamId", year) DO NOTHING RETURNING id`,
      plan.id,
      plan.teamId,
      plan.year,
      plan.createdBy,
    );
    if (inserted.length === 0) return null;
    const tx = this.prisma.within(work);
    await tx.trainingPlanItem.createMany({
      data: items.map((item) => ({ id: randomUUID(), planId: plan.id, ...item })),
    });
    return tx.trainingPlan.findUnique({ where: { id: plan.id } });
  }

  /** Plans newest first, of the given teams (null: of every team). */
  findWithin(id: string, teamIds: readonly string[] | null): Promise<PlanRow | null> {
    return this.prisma.trainingPlan.findFirst({
      where: { id, ...(teamIds ? { teamId: { in: [...teamIds] } } : {}) },
    });
  }

  list(query: ListTrainingPlansQuery, teamIds: readonly string[] | null): Promise<PlanRow[]> {
    const page = newestFirst<
      Prisma.TrainingPlanWhereInput,
      Prisma.TrainingPlanOrderByWithRelationInput
    >(query);
    const teams: Prisma.TrainingPlanWhereInput[] = [];
    if (teamIds) teams.push({ teamId: { in: [...teamIds] } });
    if (query.teamId) teams.push({ teamId: query.teamId });
    return this.prisma.trainingPlan.findMany({
      where: {
        AND: [page.after, ...teams],
        ...(query.year === undefined ? {} : { year: query.year }),
      },
      orderBy: page.orderBy,
      take: page.take,
    });
  }

  itemsOf(planIds: readonly string[], work?: Work): Promise<PlanItemRow[]> {
    return this.prisma.within(work).trainingPlanItem.findMany({
      where: { planId: { in: [...planIds] } },
      orderBy: [{ planId: 'asc' }, { position: 'asc' }],
    });
  }

  /**
   * Per item: its course's sessions in its month (not cancelled), those begun by `now`, and the
   * plan's team's members enrolled in them and attending those begun (present or late).
   */
  async progress(months: readonly ItemMonth[], now: Date, work?: Work): Promise<ItemProgress[]> {
    if (months.length === 0) return [];
    const sql = work ? sqlOf(work) : this.prisma;
    return sql.$queryRawUnsafe<ItemProgress[]>(
      `SELECT i.id AS "itemId", c.title AS "courseTitle", c.category,
         count(DISTINCT s.id)::int AS "sessionsScheduled",
         count(DISTINCT s.id) FILTER (WHERE s."startsAt" <= ($4::timestamptz AT TIME ZONE 'UTC'))::int
           AS "sessionsHeld",
         count(DISTINCT e."memberId")::int AS enrolled,
         count(DISTINCT e."memberId") FILTER (
           WHERE e.attendance IN ('present', 'late')
             AND s."startsAt" <= ($4::timestamptz AT TIME ZONE 'UTC'))::int AS attended
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS m(item_id, from_at, to_at)
       JOIN training_plan_item i ON i.id = m.item_id
       JOIN training_plan p ON p.id = i."planId"
       JOIN course c ON c.id = i."courseId"
       LEFT JOIN training_session s ON s."courseId" = i."courseId" AND s.status <> 'cancelled'
         AND s."startsAt" >= (m.from_at AT TIME ZONE 'UTC')
         AND s."startsAt" < (m.to_at AT TIME ZONE 'UTC')
       LEFT JOIN enrollment e ON e."sessionId" = s.id AND e."teamId" = p."teamId"
         AND e.status = 'enrolled'
       GROUP BY i.id, c.title, c.category`,
      months.map((month) => month.itemId),
      months.map((month) => month.from.toISOString()),
      months.map((month) => month.to.toISOString()),
      now.toISOString(),
    );
  }

  /** The members on each team now, as the roster knows them. */
  async teamSizes(teamIds: readonly string[], work?: Work): Promise<Map<string, number>> {
    const groups = await this.prisma.within(work).trainee.groupBy({
      by: ['teamId'],
      where: { teamId: { in: [...teamIds] } },
      _count: { _all: true },
    });
    return new Map(groups.map((group) => [group.teamId, group._count._all]));
  }
}
