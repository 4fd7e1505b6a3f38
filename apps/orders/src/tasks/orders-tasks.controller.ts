import { Controller } from '@nestjs/common';

import { OrdersRpc } from '@salesops/orders-contracts';
import { RpcHandler } from '@salesops/service-runtime';

/**
 * What waits in orders for the caller, for their to-do list (GET /me/tasks). The orders features add
 * their tasks here as they arrive; until then nothing waits.
 */
@Controller()
export class OrdersTasksController {
  @RpcHandler(OrdersRpc.tasks)
  list() {
    return { items: [] };
  }
}
