import { Controller, Inject } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { ComplaintsService } from './complaints.service';

type Rpc = typeof CustomersRpc;

@Controller()
export class ComplaintsController {
  constructor(@Inject(ComplaintsService) private readonly complaints: ComplaintsService) {}

  @RpcHandler(CustomersRpc.createComplaint)
  create(
    @RpcPayload() request: RpcRequest<Rpc['createComplaint']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.complaints.create(request, identity);
  }

  @RpcHandler(CustomersRpc.getComplaint)
  get(
    @RpcPayload() request: RpcRequest<Rpc['getComplaint']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.complaints.get(request, identity);
  }

  @RpcHandler(CustomersRpc.listComplaints)
  list(
    @RpcPayload() request: RpcRequest<Rpc['listComplaints']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.complaints.list(request, identity);
  }

  @RpcHandler(CustomersRpc.acknowledgeComplaint)
  acknowledge(
    @RpcPayload() request: RpcRequest<Rpc['acknowledgeComplaint']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.complaints.acknowledge(request, identity);
  }

  @RpcHandler(CustomersRpc.investigateComplaint)
  investigate(
    @RpcPayload() request: RpcRequest<Rpc['investigateComplaint']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.complaints.investigate(request, identity);
  }

  @RpcHandler(CustomersRpc.resolveComplaint)
  resolve(
    @RpcPayload() request: RpcRequest<Rpc['resolveComplaint']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.complaints.resolve(request, identity);
  }

  @RpcHandler(CustomersRpc.closeComplaint)
  close(
    @RpcPayload() request: RpcRequest<Rpc['closeComplaint']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.complaints.close(request, identity);
  }

  @RpcHandler(CustomersRpc.reopenComplaint)
  reopen(
    @RpcPayload() request: RpcRequest<Rpc['reopenComplaint']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.complaints.reopen(request, identity);
  }

  @RpcHandler(CustomersRpc.complaintReport)
  report(
    @RpcPayload() request: RpcRequest<Rpc['complaintReport']>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.complaints.report(request, identity);
  }
}
