import { Inject, Injectable } from '@nestjs/common';

import { type Work, atVersion, versionedUpdate } from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import type { MemberRecord as RecordRow, Prisma } from '../generated/prisma/client';

/** The rows this repository returns: what services work with, never Prisma's client. */
export type { MemberRecord as RecordRow } from '../generated/prisma/client';

export type NewMemberRecord = Omit<
  Prisma.MemberRecordUncheckedCreateInput,
  'id' | 'version' | 'createdAt'
>;

@Injectable()
export class MemberRecordsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(record: NewMemberRecord, work: Work): Promise<RecordRow> {
    const tx = this.prisma.within(work);
    return tx.memberRecord.create({ data: record });
  }

  findById(id: string): Promise<RecordRow | null> {
    return this.prisma.memberRecord.findUnique({ where: { id } });
  }

  ofMember(memberId: string): Promise<RecordRow[]> {
    return this.prisma.memberRecord.findMany({
      where: { memberId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 500,
    });
  }

  /** Records a decision, only on the version it was taken on and while still pending. */
  async decide(
    id: string,
    expectedVersion: number,
    decision: { status: string; decidedBy: string },
    work: Work,
  ): Promise<RecordRow> {
    const tx = this.prisma.within(work);
    return versionedUpdate(
      new DomainError('RECORD_NOT_FOUND'),
      () =>
        tx.memberRecord.updateMany(
          atVersion(
            id,
            expectedVersion,
            { ...decision, decidedAt: new Date() },
            { status: 'pending_approval' },
          ),
        ),
      () => tx.memberRecord.findUnique({ where: { id } }),
    );
  }
}
