import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import { CustomersEvents, CustomersRpc, type Visit } from '@salesops/customers-contracts';
import { appendToOutbox } from '@salesops/messaging';
import { inScope } from '@salesops/policy';
import { runIdempotent, FieldCipher, toPage, UnitOfWork, type Work } from '@salesops/persistence';
import {
  DomainError,
  type IdentityClaims,
  reachOf,
  type RpcReply,
  type RpcRequest,
} from '@salesops/rpc';

import { CustomersRepository } from '../customers/customers.repository';
import { CustomersService } from '../customers/customers.service';
import type { DueItemKind } from '../due-sweeps/due-item-kind';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import { OrganisationRepository } from '../organisation/organisation.repository';
import { teamSettingsOf } from '../organisation/team-settings';
import { toVisit } from './visit.mapper';
import { type VisitRow, VisitsRepository } from './visits.repository';

/**
 * Visits (domain.md §2): planned by a member for a customer they reach, then completed with a
 * summary (it counts as a follow-up: the last contact moves) or cancelled with a reason. One still
 * planned visitOverdueDays company days after its day is flagged overdue by the sweep.
 */
@Injectable()
export class VisitsService {
  readonly overdueSweep: DueItemKind;

  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(VisitsRepository) private readonly visits: VisitsRepository,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(CustomersRepository) private readonly customerRows: CustomersRepository,
    @Inject(FollowUpsService) private readonly followUps: FollowUpsService,
    @Inject(OrganisationRepository) private readonly organisation: OrganisationRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
  ) {
    this.overdueSweep = {
      name: 'visit-overdue',
      claim: (work) => this.visits.claimOverdue(this.clock.offsetMs(), work),
      apply: async (id, work) => {
        await this.visits.markOverdue(id, work);
      },
    };
  }

  async plan(
    { idempotencyKey: key, input }: RpcRequest<typeof CustomersRpc.planVisit>,
    identity: IdentityClaims,
  ): Promise<Visit> {
    const scope = `${identity.caller.id}:${CustomersRpc.planVisit.subject}`;
    const plan = async (work: Work) => toVisit(await this.planIn(input, identity, work));
    return this.unitOfWork.run((work) =>
      key === null
        ? plan(work)
        : runIdempotent(work, { scope, key, request: input, cipher: this.cipher }, () =>
            plan(work),
          ),
    );
  }

  private async planIn(
    input: RpcRequest<typeof CustomersRpc.planVisit>['input'],
    identity: IdentityClaims,
    work: Work,
  ): Promise<VisitRow> {
    const memberId = identity.caller.memberId;
    if (!memberId) {
      throw new DomainError('VALIDATION_FAILED', 'A visit is made by a member', undefined, [
        { path: 'caller', message: 'the caller is no member' },
      ]);
    }
    const customer = await this.customers.reachable(input.customerId, identity, work);
    const scheduledAt = new Date(input.scheduledAt);
    const settings = teamSettingsOf(await this.organisation.team(customer.teamId, work));
    return this.visits.create(
      {
        id: randomUUID(),
        customerId: customer.id,
        memberId,
        teamId: customer.teamId,
        purpose: input.purpose,
        keyPoints: input.keyPoints,
        scheduledAt,
        // It has the whole of its day and visitOverdueDays company days after it.
        overdueAt: this.calendar.dueAfterDays(scheduledAt, settings.visitOverdueDays + 1),
      },
      work,
    );
  }

  async list(
    query: RpcRequest<typeof CustomersRpc.listVisits>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof CustomersRpc.listVisits>> {
    const rows = await this.visits.list(query, reachOf(identity));
    return toPage(rows.map(toVisit), query.limit, (visit) => visit.scheduledAt);
  }

  async get(
    { id }: RpcRequest<typeof CustomersRpc.getVisit>,
    identity: IdentityClaims,
  ): Promise<Visit> {
    const visit = await this.visits.findById(id);
    if (!visit || !inScope(identity.scope, { teamId: visit.teamId, ownerId: visit.memberId })) {
      throw new DomainError('VISIT_NOT_FOUND');
    }
    return toVisit(visit);
  }

  async complete(
    { id, expectedVersion, input }: RpcRequest<typeof CustomersRpc.completeVisit>,
    identity: IdentityClaims,
  ): Promise<Visit> {
    const row = await this.unitOfWork.run(async (work) => {
      const visit = await this.planned(id, expectedVersion, identity, work);
      const at = this.clock.now();
      const ended = await this.visits.end(
        visit,
        { status: 'completed', summary: input.summary, outcome: input.outcome, completedAt: at },
        work,
      );
      if (!ended) throw new DomainError('VERSION_MISMATCH');
      const customer = await this.customerRows.findById(visit.customerId, work);
      if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND');
      const followed = await this.followUps.record(
        customer,
        {
          channel: 'visit',
          content: input.summary.effect,
          outcome: input.outcome,
          nextFollowUpAt: null,
        },
        identity,
        work,
        at,
      );
      const after = await this.customerRows.findById(followed.customerId, work);
      await appendToOutbox(work, CustomersEvents.visitCompleted, visit.id, {
        visitId: visit.id,
        customerId: visit.customerId,
        ownerId: after?.ownerId ?? customer.ownerId,
        teamId: visit.teamId,
        memberId: visit.memberId,
        outcome: input.outcome,
        period: this.calendar.monthOf(at),
        completedAt: at.toISOString(),
      });
      return this.visits.findById(id, work);
    });
    return toVisit(row as VisitRow);
  }

  async cancel(
    { id, expectedVersion, input }: RpcRequest<typeof CustomersRpc.cancelVisit>,
    identity: IdentityClaims,
  ): Promise<Visit> {
    const row = await this.unitOfWork.run(async (work) => {
      const visit = await this.planned(id, expectedVersion, identity, work);
      const ended = await this.visits.end(
        visit,
        { status: 'cancelled', cancelReason: input.reason, cancelledAt: this.clock.now() },
        work,
      );
      if (!ended) throw new DomainError('VERSION_MISMATCH');
      return this.visits.findById(id, work);
    });
    return toVisit(row as VisitRow);
  }

  /** A visit the caller reaches (else not found), at the version named, still planned (else 409). */
  private async planned(
    id: string,
    expectedVersion: number | null,
    identity: IdentityClaims,
    work: Work,
  ): Promise<VisitRow> {
    const visit = await this.visits.findById(id, work);
    if (!visit || !inScope(identity.scope, { teamId: visit.teamId, ownerId: visit.memberId })) {
      throw new DomainError('VISIT_NOT_FOUND');
    }
    if (expectedVersion !== null && expectedVersion !== visit.version) {
      throw new DomainError('VERSION_MISMATCH');
    }
    if (visit.status !== 'planned') {
      throw new DomainError('VISIT_NOT_PLANNED', undefined, { status: visit.status });
    }
    return visit;
  }

  /** Overdue visits: the caller's own, and (a leader) those of the teams they lead. */
  async overdueFor(identity: IdentityClaims) {
    const memberId = identity.caller.memberId;
    const own = memberId ? await this.visits.overdue({ memberId }) : [];
    const { scope, caller } = identity;
    const leads = caller.roles.some((role) =>
      ['director', 'manager', 'team_leader', 'vice_leader'].includes(role),
    );
    if (!leads || scope.kind === 'own' || scope.kind === 'none') return { own, team: [] };
    const team = await this.visits.overdue(
      scope.kind === 'company' ? { all: true } : { teamIds: scope.teamIds },
    );
    return { own, team: team.filter((visit) => visit.memberId !== memberId) };
  }
}
