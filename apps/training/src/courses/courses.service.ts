import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { runIdempotent, toPage, UnitOfWork } from '@salesops/persistence';
import { DomainError, type IdentityClaims, type RpcReply, type RpcRequest } from '@salesops/rpc';
import { type Course, TrainingRpc } from '@salesops/training-contracts';

import { toCourse } from './course.mapper';
import { type CourseFields, CoursesRepository } from './courses.repository';

/** Courses: trainers and directors write them (`training:manage`); everyone reads them. */
@Injectable()
export class CoursesService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CoursesRepository) private readonly courses: CoursesRepository,
  ) {}

  create(
    { idempotencyKey: key, input }: RpcRequest<typeof TrainingRpc.createCourse>,
    identity: IdentityClaims,
  ): Promise<Course> {
    const scope = `${identity.caller.id}:${TrainingRpc.createCourse.subject}`;
    const fields: CourseFields = { ...input, requiredFor: [...new Set(input.requiredFor)] };
    return this.unitOfWork.run((work) =>
      runIdempotent(work, { scope, key, request: input, cipher: null }, async () =>
        toCourse(await this.courses.create(randomUUID(), fields, work)),
      ),
    );
  }

  async get({ id }: RpcRequest<typeof TrainingRpc.getCourse>): Promise<Course> {
    const row = await this.courses.findById(id);
    if (!row) throw new DomainError('COURSE_NOT_FOUND');
    return toCourse(row);
  }

  async list(
    query: RpcRequest<typeof TrainingRpc.listCourses>,
  ): Promise<RpcReply<typeof TrainingRpc.listCourses>> {
    const rows = await this.courses.list(query);
    return toPage(rows.map(toCourse), query.limit, (course) => course.createdAt);
  }

  async update({
    id,
    expectedVersion,
    patch,
  }: RpcRequest<typeof TrainingRpc.updateCourse>): Promise<Course> {
    const current = await this.courses.findById(id);
    if (!current) throw new DomainError('COURSE_NOT_FOUND');
    const change: Partial<CourseFields> = {
      ...patch,
      ...(patch.requiredFor ? { requiredFor: [...new Set(patch.requiredFor)] } : {}),
    };
    return toCourse(await this.courses.update(id, expectedVersion ?? current.version, change));
  }
}
