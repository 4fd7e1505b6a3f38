import { Controller, Inject } from '@nestjs/common';

import type { IdentityClaims } from '@salesops/rpc';
import { RpcHandler, RpcIdentity } from '@salesops/service-runtime';
import { TrainingRpc } from '@salesops/training-contracts';

import { TrainingTasksService } from './training-tasks.service';

/** What waits in training for the caller, for their to-do list (GET /me/tasks). */
@Controller()
export class TrainingTasksController {
  constructor(@Inject(TrainingTasksService) private readonly tasks: TrainingTasksService) {}

  @RpcHandler(TrainingRpc.tasks)
  list(@RpcIdentity() identity: IdentityClaims) {
    return this.tasks.list(identity);
  }
}
