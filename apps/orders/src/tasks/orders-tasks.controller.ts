import { Controller, Inject } from '@nestjs/common';

import { OrdersRpc } from '@salesops/orders-contracts';
import type { IdentityClaims } from '@salesops/rpc';
import { RpcHandler, RpcIdentity } from '@salesops/service-runtime';

import { OrdersTasksService } from './orders-tasks.service';

/** What waits in orders for the caller, for their to-do list (GET /me/tasks). */
@Controller()
export class OrdersTasksController {
  constructor(@Inject(OrdersTasksService) private readonly tasks: OrdersTasksService) {}

  @RpcHandler(OrdersRpc.tasks)
  async list(@RpcIdentity() identity: IdentityClaims) {
    return { items: await this.tasks.list(identity) };
  }
}
