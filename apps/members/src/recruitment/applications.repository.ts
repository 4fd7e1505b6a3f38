import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import type { ListApplicationsQuery } from '@salesops/members-contracts';
import { assertVersionedUpdate, decodeCursor, FieldCipher } from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

import { PrismaService, type Tx } from '../database/prisma.service';
import type { Application as ApplicationRow, Prisma } from '../generated/prisma/client';
import { openContact, sealContact } from '../members/contact-fields';

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

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  async create(application: NewApplication, tx: Tx): Promise<ApplicationRow> {
    const id = randomUUID();
    const row = await tx.application.create({
      data: { id, ...sealContact(this.cipher, application, { table: 'application', rowId: id }) },
    });
    return openContact(this.cipher, 'application', row);
  }

  async findById(id: string, tx: Tx = this.prisma): Promise<ApplicationRow | null> {
    const row = await tx.application.findUnique({ where: { id } });
    return row && openContact(this.cipher, 'application', row);
  }

  /** Applies a step only to the version its rules were checked on. */
  async change(
    id: string,
    expectedVersion: number,
    change: ApplicationChange,
    tx: Tx,
  ): Promise<ApplicationRow> {
    const { count } = await tx.application.updateMany({
      where: { id, version: expectedVersion },
      data: { ...change, version: { increment: 1 } },
    });
    const row = await this.findById(id, tx);
    assertVersionedUpdate(count, row !== null, new DomainError('APPLICATION_NOT_FOUND'));
    return row as ApplicationRow;
  }

  /** Newest first, keyset on (createdAt, id), within the given teams (all when null). */
  async list(query: ListApplicationsQuery, teamIds: string[] | null): Promise<ApplicationRow[]> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const afterAt = after ? new Date(String(after.v)) : undefined;
    const rows = await this.prisma.application.findMany({
      where: {
        AND: [
          teamIds === null ? {} : { teamId: { in: teamIds } },
          query.teamId ? { teamId: query.teamId } : {},
          query.status ? { status: query.status } : {},
          after
            ? {
                OR: [{ createdAt: { lt: afterAt } }, { createdAt: afterAt, id: { lt: after.id } }],
              }
            : {},
        ],
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return rows.map((row) => openContact(this.cipher, 'application', row));
  }
}
