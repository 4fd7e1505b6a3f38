import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { ImportsService } from './imports.service';

@Controller()
export class ImportsController {
  constructor(@Inject(ImportsService) private readonly imports: ImportsService) {}

  @RpcHandler(CustomersRpc.createImport)
  create(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.createImport>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.imports.create(request, identity);
  }

  @RpcHandler(CustomersRpc.appendImportRows)
  append(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.appendImportRows>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.imports.append(request, identity);
  }

  @RpcHandler(CustomersRpc.startImport)
  start(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.startImport>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.imports.start(request, identity);
  }

  @RpcHandler(CustomersRpc.getImport)
  get(
    @RpcPayload() request: RpcRequest<typeof CustomersRpc.getImport>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.imports.get(request, identity);
  }
}
