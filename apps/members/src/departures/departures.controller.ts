import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { CallContext, RpcRequest } from '@salesops/rpc';
import { RpcCallContext, RpcHandler, RpcPayload } from '@salesops/service-runtime';

import { DepartureSaga } from './departure-saga.service';

@Controller()
export class DeparturesController {
  constructor(@Inject(DepartureSaga) private readonly departures: DepartureSaga) {}

  @RpcHandler(MembersRpc.departMember)
  depart(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.departMember>,
    @RpcCallContext() context: CallContext,
  ) {
    return this.departures.depart(request, context);
  }
}
