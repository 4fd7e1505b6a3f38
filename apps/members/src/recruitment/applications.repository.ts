import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import type { ListApplicationsQuery } from '@salesops/members-contracts';
import {
  FieldCipher,
  type Work,
  atVersion,
  versionedUpdate,
  newestFirst,
} from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import type { Application as ApplicationRow, Prisma } from '../generated/prisma/client';
import { openContact, sealContact } from '../members/contact-fields';

/** The rows this repository returns: what services work with, never Prisma's client. */
export type { Application as ApplicationRow } from '../generated/prisma/client';

export type NewApplication = Omit<
  Prisma.ApplicationUncheckedCreateInput,
  'id' | 'version' | 'createdAt' | 'updatedAt'
>;
export type ApplicationChange = Omit<Prisma.ApplicationUncheckedUpdateManyInput, 'version'>;

@Injectable()
export class ApplicationsRepository {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
  ) {}

  async create(application: NewApplication, work: Work): Promise<ApplicationRow> {
    const tx = this.prisma.within(work);
    const id = randomUUID();
    const row = await tx.application.create({
      data: { id, ...sealContact(this.cipher, application, { table: 'application', rowId: id }) },
    });
    return openContact(this.cipher, 'application', row);
  }

  async findById(id: string, work?: Work): Promise<ApplicationRow | null> {
    const tx = this.prisma.within(work);
    const row = await tx.application.findUnique({ where: { id } });
    return row && openContact(this.cipher, 'application', row);
  }

  /** Applies a step only to the version its rules were checked on. */
  async change(
    id: string,
    expectedVersion: number,
    change: ApplicationChange,
    work: Work,
  ): Promise<ApplicationRow> {
    const tx = this.prisma.within(work);
    return versionedUpdate(
      new DomainError('APPLICATION_NOT_FOUND'),
      () => tx.application.updateMany(atVersion(id, expectedVersion, change)),
      () => this.findById(id, work),
    );
  }

  /** Newest first, keyset on (createdAt, id), within the given teams (all when null). */
  async list(query: ListApplicationsQuery, teamIds: string[] | null): Promise<ApplicationRow[]> {
    const page = newestFirst<
      Prisma.ApplicationWhereInput,
      Prisma.ApplicationOrderByWithRelationInput
    >(query);
    const rows = await this.prisma.application.findMany({
      where: {
        AND: [
          teamIds === null ? {} : { teamId: { in: teamIds } },
          query.teamId ? { teamId: query.teamId } : {},
          query.status ? { status: query.status } : {},
          page.after,
        ],
      },
      orderBy: page.orderBy,
      take: page.take,
    });
    return rows.map((row) => openContact(this.cipher, 'application', row));
  }
}
