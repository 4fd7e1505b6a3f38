import { Controller } from '@nestjs/common';

import { type OnboardingCheckpoint, TrainingRpc } from '@salesops/training-contracts';
import { RpcHandler } from '@salesops/service-runtime';

/**
 * A member's onboarding certificates, for the probation review. Courses and certificates arrive
 * with the training issue; until then the checkpoint says there is no data rather than failing.
 */
@Controller()
export class OnboardingCheckpointController {
  @RpcHandler(TrainingRpc.onboardingCheckpoint)
  checkpoint(): OnboardingCheckpoint {
    return { status: 'no_data' };
  }
}
