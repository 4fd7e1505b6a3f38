import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { PoolService } from './pool.service';

@Controller()
export class PoolController {
  constructor(@Inject(PoolService) private readonly pool: PoolService) {}

  @RpcHandler(CustomersRpc.listPool)
  list(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.listPool>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.pool.list(request, identity);
  }

  @RpcHandler(CustomersRpc.claimFromPool)
  claim(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.claimFromPool>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.pool.claim(request, identity);
  }

  @RpcHandler(CustomersRpc.assignFromPool)
  assign(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.assignFromPool>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.pool.assign(request, identity);
  }

  @RpcHandler(CustomersRpc.releaseToPool)
  release(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.releaseToPool>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.pool.release(request, identity);
  }

  @RpcHandler(CustomersRpc.poolReport)
  report(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.poolReport>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.pool.report(request, identity);
  }
}
