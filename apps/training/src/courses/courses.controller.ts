import { Controller, Inject } from '@nestjs/common';

import type { IdentityClaims, RpcRequest } from '@salesops/rpc';
import { RpcHandler, RpcIdentity, RpcPayload } from '@salesops/service-runtime';
import { TrainingRpc } from '@salesops/training-contracts';

import { CoursesService } from './courses.service';

type Request<K extends keyof typeof TrainingRpc> = RpcRequest<(typeof TrainingRpc)[K]>;

@Controller()
export class CoursesController {
  constructor(@Inject(CoursesService) private readonly courses: CoursesService) {}

  @RpcHandler(TrainingRpc.createCourse)
  create(@RpcPayload() request: Request<'createCourse'>, @RpcIdentity() identity: IdentityClaims) {
    return this.courses.create(request, identity);
  }

  @RpcHandler(TrainingRpc.getCourse)
  get(@RpcPayload() request: Request<'getCourse'>) {
    return this.courses.get(request);
  }

  @RpcHandler(TrainingRpc.listCourses)
  list(@RpcPayload() request: Request<'listCourses'>) {
    return this.courses.list(request);
  }

  @RpcHandler(TrainingRpc.updateCourse)
  update(@RpcPayload() request: Request<'updateCourse'>) {
    return this.courses.update(request);
  }
}
