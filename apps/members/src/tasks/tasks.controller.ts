import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { IdentityClaims } from '@salesops/rpc';
import { RpcHandler, RpcIdentity } from '@salesops/service-runtime';

import { TasksService } from './tasks.service';

@Controller()
export class TasksController {
  constructor(@Inject(TasksService) private readonly tasks: TasksService) {}

  @RpcHandler(MembersRpc.tasks)
  async list(@RpcIdentity() identity: IdentityClaims) {
    return { items: await this.tasks.list(identity) };
  }
}
