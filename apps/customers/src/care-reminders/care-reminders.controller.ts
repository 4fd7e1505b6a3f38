import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { CareRemindersService } from './care-reminders.service';

@Controller()
export class CareRemindersController {
  constructor(@Inject(CareRemindersService) private readonly reminders: CareRemindersService) {}

  @RpcHandler(CustomersRpc.listCareReminders)
  list(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.listCareReminders>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.reminders.list(request, identity);
  }

  @RpcHandler(CustomersRpc.careReminderDone)
  done(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.careReminderDone>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.reminders.done(request, identity);
  }

  @RpcHandler(CustomersRpc.dismissCareReminder)
  dismiss(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.dismissCareReminder>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.reminders.dismiss(request, identity);
  }
}
