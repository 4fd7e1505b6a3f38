import { Controller, Get, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { CallContext } from '@salesops/rpc';

import { ApiRoute } from '../http/api-route.decorator';
import { CallCtx } from '../http/call-context.decorator';
import { myTasksSchema } from './my-tasks.schemas';
import { MyTasksService } from './my-tasks.service';

@Controller('me')
export class MyTasksController {
  constructor(@Inject(MyTasksService) private readonly tasks: MyTasksService) {}

  @Get('tasks')
  @ApiRoute({
    summary: 'List what waits for the caller in every service, naming those that did not answer',
    permission: MembersRpc.tasks.permission,
    tag: 'me',
    response: myTasksSchema,
  })
  list(@CallCtx() context: CallContext) {
    return this.tasks.list(context);
  }
}
