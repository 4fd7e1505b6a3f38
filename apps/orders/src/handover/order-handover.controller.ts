import { Controller, Inject } from '@nestjs/common';

import { OrdersRpc } from '@salesops/orders-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { OrderHandoverService } from './order-handover.service';

type Contracts = typeof OrdersRpc.openOrders;

/** The orders side of a departure's handover, which the members service drives. */
@Controller()
export class OrderHandoverController {
  constructor(@Inject(OrderHandoverService) private readonly handovers: OrderHandoverService) {}

  @RpcHandler(OrdersRpc.openOrders.holdings)
  holdings(@RpcPayload() request: RpcRequest<Contracts['holdings']>) {
    return this.handovers.holdings(request);
  }

  @RpcHandler(OrdersRpc.openOrders.handOver)
  handOver(
    @RpcPayload() request: RpcRequest<Contracts['handOver']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.handovers.handOver(request, identity);
  }

  @RpcHandler(OrdersRpc.openOrders.revertHandover)
  revertHandover(
    @RpcPayload() request: RpcRequest<Contracts['revertHandover']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.handovers.revertHandover(request, identity);
  }
}
