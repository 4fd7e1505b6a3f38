import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { LeadQuotaService } from './lead-quota.service';

@Controller()
export class LeadQuotaController {
  constructor(@Inject(LeadQuotaService) private readonly quota: LeadQuotaService) {}

  @RpcHandler(CustomersRpc.leadQuota)
  report(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.leadQuota>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.quota.report(request, identity);
  }
}
