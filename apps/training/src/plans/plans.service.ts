import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { CompanyCalendar } from '@salesops/calendar';
import { runIdempotent, toPage, UnitOfWork, type Work } from '@salesops/persistence';
import {
  DomainError,
  type IdentityClaims,
  personOf,
  reachOf,
  type RpcReply,
  type RpcRequest,
} from '@salesops/rpc';
import { type TrainingPlan, TrainingRpc } from '@salesops/training-contracts';

import { CoursesRepository } from '../courses/courses.repository';
import { toPlan } from './plan.mapper';
import { type PlanRow, PlansRepository } from './plans.repository';

const LEADS = ['manager', 'team_leader', 'vice_leader'];

/**
 * Yearly training plans: a leader plans for a team they lead (directors for any), one plan per
 * team and year. Trainers, HR and directors read every plan, leaders those of their reach, every
 * other member their own team's.
 */
@Injectable()
export class PlansService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(PlansRepository) private readonly plans: PlansRepository,
    @Inject(CoursesRepository) private readonly courses: CoursesRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  async create(
    { idempotencyKey: key, input }: RpcRequest<typeof TrainingRpc.createTrainingPlan>,
    identity: IdentityClaims,
  ): Promise<TrainingPlan> {
    const reach = reachOf(identity);
    const leadsTeam =
      'all' in reach || ('teamIds' in reach && reach.teamIds.includes(input.teamId));
    if (!leadsTeam) throw new DomainError('TRAINING_TEAM_UNKNOWN');
    const courseIds = [...new Set(input.items.map((item) => item.courseId))];
    const known = new Set((await this.courses.findMany(courseIds)).map((course) => course.id));
    const unknown = input.items.flatMap((item, index) =>
      known.has(item.courseId)
        ? []
        : [{ path: `body.items.${index}.courseId`, message: 'no such course' }],
    );
    if (unknown.length > 0) {
      throw new DomainError('VALIDATION_FAILED', undefined, undefined, unknown);
    }
    const scope = `${identity.caller.id}:${TrainingRpc.createTrainingPlan.subject}`;
    return this.unitOfWork.run((work) =>
      runIdempotent(work, { scope, key, request: input, cipher: null }, async () => {
        const row = await this.plans.createOnce(
          {
            id: randomUUID(),
            teamId: input.teamId,
            year: input.year,
            createdBy: personOf(identity),
          },
          input.items.map((item, position) => ({ position, ...item })),
          work,
        );
        if (!row) {
          throw new DomainError('TRAINING_PLAN_EXISTS', undefined, {
            teamId: input.teamId,
            year: input.year,
          });
        }
        const [plan] = await this.withProgress([row], work);
        return plan as TrainingPlan;
      }),
    );
  }

  async list(
    query: RpcRequest<typeof TrainingRpc.listTrainingPlans>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof TrainingRpc.listTrainingPlans>> {
    const rows = await this.plans.list(query, this.readableTeams(identity));
    return toPage(await this.withProgress(rows), query.limit, (plan) => plan.createdAt);
  }

  /** One plan, of a team whose plans the caller reads. */
  async get(
    { id }: RpcRequest<typeof TrainingRpc.getTrainingPlan>,
    identity: IdentityClaims,
  ): Promise<TrainingPlan> {
    const row = await this.plans.findWithin(id, this.readableTeams(identity));
    if (!row) throw new DomainError('TRAINING_PLAN_NOT_FOUND');
    const [plan] = await this.withProgress([row]);
    return plan as TrainingPlan;
  }

  /** The teams whose plans the caller reads; null: every team's. */
  private readableTeams(identity: IdentityClaims): string[] | null {
    const roles = identity.caller.roles;
    if (
      identity.permissions.includes('training:manage') ||
      roles.includes('hr') ||
      roles.includes('director')
    ) {
      return null;
    }
    const own = identity.caller.teamId ? [identity.caller.teamId] : [];
    const reach = reachOf(identity);
    if (!roles.some((role) => LEADS.includes(role))) return own;
    if ('all' in reach) return null;
    return 'teamIds' in reach ? [...new Set([...own, ...reach.teamIds])] : own;
  }

  private async withProgress(rows: PlanRow[], work?: Work): Promise<TrainingPlan[]> {
    const years = new Map(rows.map((row) => [row.id, row.year]));
    const items = await this.plans.itemsOf([...years.keys()], work);
    const months = items.map((item) => ({
      itemId: item.id,
      ...this.calendar.monthRange(
        `${years.get(item.planId)}-${String(item.month).padStart(2, '0')}`,
      ),
    }));
    const now = new Date();
    const progress = new Map(
      (await this.plans.progress(months, now, work)).map((entry) => [entry.itemId, entry]),
    );
    const ends = new Map(months.map((month) => [month.itemId, month.to]));
    const sizes = await this.plans.teamSizes([...new Set(rows.map((row) => row.teamId))], work);
    return rows.map((row) =>
      toPlan(
        row,
        items.filter((item) => item.planId === row.id),
        progress,
        (itemId) => (ends.get(itemId) ?? now) <= now,
        sizes.get(row.teamId) ?? 0,
      ),
    );
  }
}
