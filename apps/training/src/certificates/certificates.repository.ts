import { Inject, Injectable } from '@nestjs/common';

import { keysetPage, type Work } from '@salesops/persistence';
import type { ListCertificatesQuery } from '@salesops/training-contracts';

import type { TraineeFilter } from '../access/reach';
import { PrismaService } from '../database/prisma.service';
import type { Certificate as CertificateRow, Prisma } from '../generated/prisma/client';

export type { Certificate as CertificateRow } from '../generated/prisma/client';

@Injectable()
export class CertificatesRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(row: Omit<CertificateRow, 'revokedAt'>, work: Work): Promise<CertificateRow> {
    return this.prisma.within(work).certificate.create({ data: row });
  }

  byNumber(number: string): Promise<CertificateRow | null> {
    return this.prisma.certificate.findUnique({ where: { number } });
  }

  ofMember(memberId: string, work?: Work): Promise<CertificateRow[]> {
    return this.prisma
      .within(work)
      .certificate.findMany({ where: { memberId }, orderBy: { issuedAt: 'asc' } });
  }

  byAttempts(attemptIds: readonly string[]): Promise<CertificateRow[]> {
    return this.prisma.certificate.findMany({ where: { attemptId: { in: [...attemptIds] } } });
  }

  list(query: ListCertificatesQuery, filter: TraineeFilter): Promise<CertificateRow[]> {
    const page = keysetPage<
      Prisma.CertificateWhereInput,
      Prisma.CertificateOrderByWithRelationInput
    >(query, 'issuedAt', 'desc', (value) => new Date(String(value)));
    return this.prisma.certificate.findMany({
      where: {
        AND: [page.after, filter],
        ...(query.memberId ? { memberId: query.memberId } : {}),
        ...(query.courseId ? { courseId: query.courseId } : {}),
      },
      orderBy: page.orderBy,
      take: page.take,
    });
  }
}
