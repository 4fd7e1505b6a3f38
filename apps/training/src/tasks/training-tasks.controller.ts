import { Controller } from '@nestjs/common';

import { TrainingRpc } from '@salesops/training-contracts';
import { RpcHandler } from '@salesops/service-runtime';

/**
 * What waits in training for the caller, for their to-do list (GET /me/tasks). The training features add
 * their tasks here as they arrive; until then nothing waits.
 */
@Controller()
export class TrainingTasksController {
  @RpcHandler(TrainingRpc.tasks)
  list() {
    return { items: [] };
  }
}
