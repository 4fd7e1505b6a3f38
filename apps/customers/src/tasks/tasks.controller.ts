import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims } from '@salesops/rpc';
import { RpcHandler, RpcIdentity } from '@salesops/service-runtime';

import { TasksService } from './tasks.service';

/** What waits in customers for the caller, for their to-do list (GET /me/tasks). */
@Controller()
export class TasksController {
  constructor(@Inject(TasksService) private readonly tasks: TasksService) {}

  @RpcHandler(CustomersRpc.tasks)
  async list(@RpcIdentity() identity: IdentityClaims) {
    return { items: await this.tasks.list(identity) };
  }
}
