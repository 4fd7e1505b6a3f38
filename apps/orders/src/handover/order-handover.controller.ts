import { Controller } from '@nestjs/common';

import { OrdersRpc } from '@salesops/orders-contracts';
import { RpcHandler } from '@salesops/service-runtime';

/**
 * The orders side of a departure's handover. Orders themselves arrive with the orders issue;
 * until then no member has open orders, so there is nothing to hand over or revert.
 */
@Controller()
export class OrderHandoverController {
  @RpcHandler(OrdersRpc.openOrders.holdings)
  holdings() {
    return { open: 0 };
  }

  @RpcHandler(OrdersRpc.openOrders.handOver)
  handOver() {
    return { moved: 0 };
  }

  @RpcHandler(OrdersRpc.openOrders.revertHandover)
  revertHandover() {
    return { reverted: 0 };
  }
}
