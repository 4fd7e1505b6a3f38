import { Controller, Inject } from '@nestjs/common';

import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';
import { TrainingRpc } from '@salesops/training-contracts';

import { AssessmentsService } from './assessments.service';

type Request<K extends keyof typeof TrainingRpc> = RpcRequest<(typeof TrainingRpc)[K]>;

@Controller()
export class AssessmentsController {
  constructor(@Inject(AssessmentsService) private readonly assessments: AssessmentsService) {}

  @RpcHandler(TrainingRpc.createAssessment)
  create(
    @RpcPayload() request: Request<'createAssessment'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.assessments.create(request, identity);
  }

  @RpcHandler(TrainingRpc.listAssessments)
  list(@RpcPayload() request: Request<'listAssessments'>) {
    return this.assessments.list(request);
  }

  @RpcHandler(TrainingRpc.submitAttempt)
  submit(@RpcPayload() request: Request<'submitAttempt'>, @RpcIdentity() identity: IdentityClaims) {
    return this.assessments.submit(request, identity);
  }

  @RpcHandler(TrainingRpc.gradeAttempt)
  grade(@RpcPayload() request: Request<'gradeAttempt'>, @RpcIdentity() identity: IdentityClaims) {
    return this.assessments.grade(request, identity);
  }
}
