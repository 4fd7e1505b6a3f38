import { Controller } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import { RpcHandler } from '@salesops/service-runtime';

/**
 * What waits in customers for the caller, for their to-do list (GET /me/tasks). The customers features add
 * their tasks here as they arrive; until then nothing waits.
 */
@Controller()
export class CustomersTasksController {
  @RpcHandler(CustomersRpc.tasks)
  list() {
    return { items: [] };
  }
}
