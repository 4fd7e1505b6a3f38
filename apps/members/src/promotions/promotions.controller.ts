import { Controller, Inject } from '@nestjs/common';

import { MembersRpc } from '@salesops/members-contracts';
import type { CallContext, IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcCallContext, RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';

import { PromotionsService } from './promotions.service';

@Controller()
export class PromotionsController {
  constructor(@Inject(PromotionsService) private readonly promotions: PromotionsService) {}

  @RpcHandler(MembersRpc.applyForPromotion)
  apply(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.applyForPromotion>,
    @RpcIdentity() identity: IdentityClaims,
    @RpcCallContext() context: CallContext,
  ) {
    return this.promotions.apply(request, identity, context);
  }

  @RpcHandler(MembersRpc.getPromotion)
  get(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.getPromotion>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.promotions.get(request, identity);
  }

  @RpcHandler(MembersRpc.listPromotions)
  list(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.listPromotions>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.promotions.list(request, identity);
  }

  @RpcHandler(MembersRpc.assessPromotion)
  assess(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.assessPromotion>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.promotions.assess(request, identity);
  }

  @RpcHandler(MembersRpc.decidePromotion)
  decide(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.decidePromotion>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.promotions.decide(request, identity);
  }

  @RpcHandler(MembersRpc.objectToPromotion)
  object(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.objectToPromotion>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.promotions.object(request, identity);
  }

  @RpcHandler(MembersRpc.finalizePromotion)
  finalize(
    @RpcPayload() request: RpcRequest<typeof MembersRpc.finalizePromotion>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.promotions.finalize(request, identity);
  }
}
