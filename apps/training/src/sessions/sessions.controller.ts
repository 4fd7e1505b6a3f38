import { Controller, Inject } from '@nestjs/common';

import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';
import { TrainingRpc } from '@salesops/training-contracts';

import { SessionsService } from './sessions.service';

type Request<K extends keyof typeof TrainingRpc> = RpcRequest<(typeof TrainingRpc)[K]>;

@Controller()
export class SessionsController {
  constructor(@Inject(SessionsService) private readonly sessions: SessionsService) {}

  @RpcHandler(TrainingRpc.createSession)
  create(@RpcPayload() request: Request<'createSession'>, @RpcIdentity() identity: IdentityClaims) {
    return this.sessions.create(request, identity);
  }

  @RpcHandler(TrainingRpc.listSessions)
  list(@RpcPayload() request: Request<'listSessions'>) {
    return this.sessions.list(request);
  }

  @RpcHandler(TrainingRpc.getSession)
  get(@RpcPayload() request: Request<'getSession'>) {
    return this.sessions.get(request);
  }

  @RpcHandler(TrainingRpc.sessionEvaluation)
  evaluation(
    @RpcPayload() request: Request<'sessionEvaluation'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.sessions.evaluation(request, identity);
  }

  @RpcHandler(TrainingRpc.enroll)
  enroll(@RpcPayload() request: Request<'enroll'>, @RpcIdentity() identity: IdentityClaims) {
    return this.sessions.enroll(request, identity);
  }

  @RpcHandler(TrainingRpc.cancelEnrollment)
  cancel(
    @RpcPayload() request: Request<'cancelEnrollment'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.sessions.cancel(request, identity);
  }

  @RpcHandler(TrainingRpc.recordAttendance)
  attendance(
    @RpcPayload() request: Request<'recordAttendance'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.sessions.recordAttendance(request, identity);
  }

  @RpcHandler(TrainingRpc.giveFeedback)
  feedback(
    @RpcPayload() request: Request<'giveFeedback'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.sessions.feedback(request, identity);
  }

  @RpcHandler(TrainingRpc.gradeReflection)
  gradeReflection(
    @RpcPayload() request: Request<'gradeReflection'>,
    @RpcIdentity() identity: IdentityClaims,
  ) {
    return this.sessions.gradeReflection(request, identity);
  }
}
