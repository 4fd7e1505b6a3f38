import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import { CustomersEvents, CustomersRpc, type Revisit } from '@salesops/customers-contracts';
import { appendToOutbox } from '@salesops/messaging';
import { toPage, UnitOfWork, type Work } from '@salesops/persistence';
import { inScope } from '@salesops/policy';
import {
  DomainError,
  type IdentityClaims,
  type RpcReply,
  type RpcRequest,
  personOf,
  reachOf,
} from '@salesops/rpc';

import { teamSettingsOf } from '../organisation/team-settings';
import { OrganisationRepository } from '../organisation/organisation.repository';
import { toRevisit } from './revisit.mapper';
import { RevisitsRepository } from './revisits.repository';

/** Stages in which a customer is no longer revisited. */
const INACTIVE_STAGES: readonly string[] = ['lost', 'dormant'];

/**
 * Revisits: one falls due `revisitAfterDeliveryDays` after an order is delivered (once per order),
 * then every `revisitEveryDays` after each completed one while the customer is active; due dates
 * are the start of a company-calendar day.
 */
@Injectable()
export class RevisitsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(RevisitsRepository) private readonly revisits: RevisitsRepository,
    @Inject(OrganisationRepository) private readonly organisation: OrganisationRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The first revisit after a delivery; false when this order made one already. */
  async afterDelivery(
    delivery: { customerId: string; teamId: string; orderId: string; deliveredAt: Date },
    work: Work,
  ): Promise<boolean> {
    const settings = teamSettingsOf(await this.organisation.team(delivery.teamId, work));
    return this.revisits.createForOrder(
      {
        id: randomUUID(),
        customerId: delivery.customerId,
        orderId: delivery.orderId,
        dueAt: this.calendar.dueAfterDays(delivery.deliveredAt, settings.revisitAfterDeliveryDays),
      },
      work,
    );
  }

  async list(
    query: RpcRequest<typeof CustomersRpc.listRevisits>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof CustomersRpc.listRevisits>> {
    const rows = await this.revisits.list(query, reachOf(identity));
    const now = this.clock.now();
    return toPage(
      rows.map((row) => toRevisit(row, now)),
      query.limit,
      (revisit) => revisit.dueAt,
    );
  }

  /**
   * Records the revisit (satisfaction 1–5, notes) by whoever reaches the customer, and makes the
   * next one due while the customer is active.
   */
  async complete(
    { id, input }: RpcRequest<typeof CustomersRpc.completeRevisit>,
    identity: IdentityClaims,
  ): Promise<Revisit> {
    const now = this.clock.now();
    const row = await this.unitOfWork.run(async (work) => {
      const current = await this.revisits.lock(id, work);
      if (!current || !inScope(identity.scope, current)) {
        throw new DomainError('REVISIT_NOT_FOUND');
      }
      if (current.status !== 'due') {
        throw new DomainError('REVISIT_STATUS_NOT_ALLOWED', undefined, { status: current.status });
      }
      const memberId = personOf(identity);
      await this.revisits.complete(id, { ...input, completedBy: memberId, completedAt: now }, work);
      if (!INACTIVE_STAGES.includes(current.stage)) {
        const settings = teamSettingsOf(await this.organisation.team(current.teamId, work));
        await this.revisits.createNext(
          {
            id: randomUUID(),
            customerId: current.customerId,
            previousId: id,
            dueAt: this.calendar.dueAfterDays(now, settings.revisitEveryDays),
          },
          work,
        );
      }
      await appendToOutbox(work, CustomersEvents.revisitCompleted, id, {
        revisitId: id,
        customerId: current.customerId,
        ownerId: current.ownerId,
        teamId: current.teamId,
        orderId: current.orderId,
        memberId: identity.caller.memberId ?? current.ownerId,
        satisfaction: input.satisfaction,
        period: this.calendar.monthOf(now),
        completedAt: now.toISOString(),
      });
      return (await this.revisits.lock(id, work)) ?? current;
    });
    return toRevisit(row, now);
  }
}
