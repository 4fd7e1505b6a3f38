import { Controller, Inject } from '@nestjs/common';

import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';
import { TrainingRpc } from '@salesops/training-contracts';

import { RecordsService } from './records.service';

type Request<K extends keyof typeof TrainingRpc> = RpcRequest<(typeof TrainingRpc)[K]>;

@Controller()
export class RecordsController {
  constructor(@Inject(RecordsService) private readonly records: RecordsService) {}

  @RpcHandler(TrainingRpc.trainingRecord)
  record(
    @RpcPayload() request: Request<'trainingRecord'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.records.record(request, identity);
  }

  /** The onboarding question of a member's probation checkpoint (members asks, for the leader). */
  @RpcHandler(TrainingRpc.onboardingCheckpoint)
  checkpoint(@RpcPayload() request: Request<'onboardingCheckpoint'>) {
    return this.records.checkpoint(request);
  }
}
