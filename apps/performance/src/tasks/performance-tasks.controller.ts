import { Controller } from '@nestjs/common';

import { PerformanceRpc } from '@salesops/performance-contracts';
import { RpcHandler } from '@salesops/service-runtime';

/**
 * What waits in performance for the caller, for their to-do list (GET /me/tasks). The performance features add
 * their tasks here as they arrive; until then nothing waits.
 */
@Controller()
export class PerformanceTasksController {
  @RpcHandler(PerformanceRpc.tasks)
  list() {
    return { items: [] };
  }
}
