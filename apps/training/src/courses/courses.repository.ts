import { Inject, Injectable } from '@nestjs/common';

import type { ListCoursesQuery } from '@salesops/training-contracts';
import { atVersion, newestFirst, versionedUpdate, type Work } from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import type { Course as CourseRow, Prisma } from '../generated/prisma/client';

export type { Course as CourseRow } from '../generated/prisma/client';

export type CourseFields = Omit<CourseRow, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class CoursesRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(id: string, fields: CourseFields, work?: Work): Promise<CourseRow> {
    return this.prisma.within(work).course.create({
      data: { id, ...fields, materials: fields.materials as Prisma.InputJsonValue },
    });
  }

  findById(id: string, work?: Work): Promise<CourseRow | null> {
    return this.prisma.within(work).course.findUnique({ where: { id } });
  }

  findMany(ids: readonly string[], work?: Work): Promise<CourseRow[]> {
    return this.prisma.within(work).course.findMany({ where: { id: { in: [...ids] } } });
  }

  requiredFor(position: string, work?: Work): Promise<CourseRow[]> {
    return this.prisma.within(work).course.findMany({
      where: { requiredFor: { has: position } },
      orderBy: { createdAt: 'asc' },
    });
  }

  update(
    id: string,
    expectedVersion: number,
    patch: Partial<CourseFields>,
    work?: Work,
  ): Promise<CourseRow> {
    const tx = this.prisma.within(work);
    const { materials, ...rest } = patch;
    const change: Prisma.CourseUpdateManyMutationInput = {
      ...rest,
      ...(materials === undefined ? {} : { materials: materials as Prisma.InputJsonValue }),
    };
    return versionedUpdate(
      new DomainError('COURSE_NOT_FOUND'),
      () => tx.course.updateMany(atVersion(id, expectedVersion, change)),
      () => tx.course.findUnique({ where: { id } }),
    );
  }

  list(query: ListCoursesQuery): Promise<CourseRow[]> {
    const page = newestFirst<Prisma.CourseWhereInput, Prisma.CourseOrderByWithRelationInput>(query);
    return this.prisma.course.findMany({
      where: {
        AND: [page.after],
        ...(query.category ? { category: query.category } : {}),
        ...(query.requiredFor ? { requiredFor: { has: query.requiredFor } } : {}),
      },
      orderBy: page.orderBy,
      take: page.take,
    });
  }
}
