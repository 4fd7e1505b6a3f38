import { Inject, Injectable } from '@nestjs/common';

import { OrdersRpc } from '@salesops/orders-contracts';
import { UnitOfWork } from '@salesops/persistence';
import { type IdentityClaims, type RpcReply, type RpcRequest, personOf } from '@salesops/rpc';

import { OrderHandoverRepository } from './order-handover.repository';

type Contracts = typeof OrdersRpc.openOrders;

/**
 * The orders side of a departure (the members service drives it and has checked the caller's
 * authority): the member's open orders go to the successor in one transaction, once per handover
 * id; a revert puts back those the successor still holds. Completed and cancelled orders stay.
 */
@Injectable()
export class OrderHandoverService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(OrderHandoverRepository) private readonly handovers: OrderHandoverRepository,
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
      if (done) return { moved: done.orderIds.length };
      const moved = await this.handovers.moveOpen({ ...request, by: personOf(identity) }, work);
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
      return { reverted: await this.handovers.revert(handover, personOf(identity), work) };
    });
  }
}
