import { Inject, Injectable } from '@nestjs/common';

import { CustomersEvents, CustomersRpc } from '@salesops/customers-contracts';
import { envelopeOf } from '@salesops/messaging';
import { UnitOfWork } from '@salesops/persistence';
import { type IdentityClaims, type RpcReply, type RpcRequest, personOf } from '@salesops/rpc';

import { CustomersRepository } from '../customers/customers.repository';
import { OrganisationRepository } from '../organisation/organisation.repository';
import { HandoverRepository, type MovedCustomer } from './handover.repository';

type Contracts = typeof CustomersRpc.customers;

/**
 * The customers side of a departure (the members service drives it and has checked the caller's
 * authority): all of the member's customers go to the successor in one transaction, once per
 * handover id, and a revert puts back those the successor still holds.
 */
@Injectable()
export class HandoverService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(HandoverRepository) private readonly handovers: HandoverRepository,
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(OrganisationRepository) private readonly organisation: OrganisationRepository,
  ) {}

  async holdings({
    memberId,
  }: RpcRequest<Contracts['holdings']>): Promise<RpcReply<Contracts['holdings']>> {
    return { open: await this.handovers.holdings(memberId) };
  }

  handOver(
    request: RpcRequest<Contracts['handOver']>,
    identity: IdentityClaims,
  ): Promise<RpcReply<Contracts['handOver']>> {
    return this.unitOfWork.run(async (work) => {
      const done = await this.handovers.find(request.handoverId, work);
      if (done) return { moved: done.customerIds.length };
      const successor = await this.organisation.member(request.toMemberId, work);
      const moved = await this.handovers.moveAll(
        { ...request, toTeamId: successor?.teamId ?? null, by: personOf(identity) },
        work,
      );
      await this.customers.appendMany(
        this.announce(moved, request.fromMemberId, request.toMemberId, request.handoverId),
        work,
      );
      return { moved: moved.length };
    });
  }

  revertHandover(
    { handoverId }: RpcRequest<Contracts['revertHandover']>,
    identity: IdentityClaims,
  ): Promise<RpcReply<Contracts['revertHandover']>> {
    return this.unitOfWork.run(async (work) => {
      const handover = await this.handovers.find(handoverId, work);
      if (!handover || handover.revertedAt) return { reverted: 0 };
      const moved = await this.handovers.revert(handover, personOf(identity), work);
      await this.customers.appendMany(
        this.announce(moved, handover.toMemberId, handover.fromMemberId, handoverId),
        work,
      );
      return { reverted: moved.length };
    });
  }

  private announce(moved: MovedCustomer[], from: string, to: string, handoverId: string) {
    const transferredAt = new Date().toISOString();
    return moved.map((customer) =>
      envelopeOf(
        CustomersEvents.customerTransferred,
        customer.id,
        {
          customerId: customer.id,
          ownerId: to,
          teamId: customer.teamId,
          version: customer.version,
          fromOwnerId: from,
          fromTeamId: customer.fromTeamId,
          handoverId,
          transferredAt,
        },
        customer.version,
      ),
    );
  }
}
