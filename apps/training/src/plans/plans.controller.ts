import { Controller, Inject } from '@nestjs/common';

import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';
import { TrainingRpc } from '@salesops/training-contracts';

import { PlansService } from './plans.service';

type Request<K extends keyof typeof TrainingRpc> = RpcRequest<(typeof TrainingRpc)[K]>;

@Controller()
export class PlansController {
  constructor(@Inject(PlansService) private readonly plans: PlansService) {}

  @RpcHandler(TrainingRpc.createTrainingPlan)
  create(
    @RpcPayload() request: Request<'createTrainingPlan'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.plans.create(request, identity);
  }

  @RpcHandler(TrainingRpc.getTrainingPlan)
  get(@RpcPayload() request: Request<'getTrainingPlan'>, @RpcIdentity() identity: IdentityClaims) {
    return this.plans.get(request, identity);
  }

  @RpcHandler(TrainingRpc.listTrainingPlans)
  list(
    @RpcPayload() request: Request<'listTrainingPlans'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.plans.list(request, identity);
  }
}
