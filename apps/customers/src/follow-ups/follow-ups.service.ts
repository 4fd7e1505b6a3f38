import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { CustomersEvents, CustomersRpc, type FollowUp } from '@salesops/customers-contracts';
import { appendToOutbox } from '@salesops/messaging';
import { toPage, UnitOfWork, type Work } from '@salesops/persistence';
import { type IdentityClaims, type RpcReply, type RpcRequest, personOf } from '@salesops/rpc';

import type { CustomerRow } from '../customers/customers.repository';
import { CustomersService } from '../customers/customers.service';
import type { FollowUpRow } from './follow-ups.repository';
import { FollowUpsRepository } from './follow-ups.repository';

type FollowUpInput = RpcRequest<typeof CustomersRpc.logFollowUp>['input'];

function toFollowUp(row: FollowUpRow): FollowUp {
  return {
    id: row.id,
    customerId: row.customerId,
    memberId: row.memberId,
    channel: row.channel as FollowUp['channel'],
    content: row.content,
    outcome: row.outcome,
    nextFollowUpAt: row.nextFollowUpAt?.toISOString() ?? null,
    at: row.at.toISOString(),
  };
}

/**
 * Follow-ups: logged by whoever reaches the customer (the owner, customer service of the team,
 * leaders in reach); each sets the last contact and next follow-up, and moves a lead to contacted.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(FollowUpsRepository) private readonly followUps: FollowUpsRepository,
  ) {}

  async log(
    { customerId, input }: RpcRequest<typeof CustomersRpc.logFollowUp>,
    identity: IdentityClaims,
  ): Promise<FollowUp> {
    const row = await this.unitOfWork.run(async (work) => {
      const current = await this.customers.reachable(customerId, identity, work);
      return this.record(current, input, identity, work);
    });
    return toFollowUp(row);
  }

  /**
   * A follow-up of a customer the caller reaches, in the caller's unit of work: it sets the last
   * contact and next follow-up, moves a lead to contacted and is announced (a completed visit is
   * one too).
   */
  async record(
    current: CustomerRow,
    input: FollowUpInput,
    identity: IdentityClaims,
    work: Work,
    at = new Date(),
  ): Promise<FollowUpRow> {
    const customerId = current.id;
    const nextFollowUpAt = input.nextFollowUpAt === null ? null : new Date(input.nextFollowUpAt);
    const followUp = await this.followUps.create(
      {
        id: randomUUID(),
        customerId,
        memberId: personOf(identity),
        channel: input.channel,
        content: input.content,
        outcome: input.outcome,
        nextFollowUpAt,
        at,
      },
      work,
    );
    const customer = await this.customers.changeStage(
      current,
      { kind: 'followed-up' },
      identity,
      work,
      null,
      { lastContactAt: at, nextFollowUpAt },
    );
    await appendToOutbox(
      work,
      CustomersEvents.followUpLogged,
      customerId,
      {
        customerId,
        ownerId: customer.ownerId,
        teamId: customer.teamId,
        version: customer.version,
        followUpId: followUp.id,
        memberId: followUp.memberId,
        channel: followUp.channel,
        at: at.toISOString(),
        nextFollowUpAt: nextFollowUpAt?.toISOString() ?? null,
      },
      customer.version,
    );
    return followUp;
  }

  async list(
    { customerId, ...page }: RpcRequest<typeof CustomersRpc.listFollowUps>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof CustomersRpc.listFollowUps>> {
    await this.customers.reachable(customerId, identity);
    const rows = await this.followUps.list(customerId, page);
    return toPage(rows.map(toFollowUp), page.limit, (followUp) => followUp.at);
  }
}
