import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { RevisitsService } from './revisits.service';

@Controller()
export class RevisitsController {
  constructor(@Inject(RevisitsService) private readonly revisits: RevisitsService) {}

  @RpcHandler(CustomersRpc.listRevisits)
  list(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.listRevisits>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.revisits.list(request, identity);
  }

  @RpcHandler(CustomersRpc.completeRevisit)
  complete(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.completeRevisit>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.revisits.complete(request, identity);
  }
}
