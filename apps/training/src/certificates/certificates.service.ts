import { Inject, Injectable } from '@nestjs/common';

import { toPage } from '@salesops/persistence';
import { DomainError, type IdentityClaims, type RpcReply, type RpcRequest } from '@salesops/rpc';
import { type Certificate, TrainingRpc } from '@salesops/training-contracts';

import { traineeFilterOf } from '../access/reach';
import { CoursesRepository } from '../courses/courses.repository';
import { isValid, toCertificate } from './certificate.mapper';
import { type CertificateRow, CertificatesRepository } from './certificates.repository';

@Injectable()
export class CertificatesService {
  constructor(
    @Inject(CertificatesRepository) private readonly certificates: CertificatesRepository,
    @Inject(CoursesRepository) private readonly courses: CoursesRepository,
  ) {}

  async list(
    query: RpcRequest<typeof TrainingRpc.listCertificates>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof TrainingRpc.listCertificates>> {
    const rows = await this.certificates.list(query, traineeFilterOf(identity));
    const page = toPage(await this.present(rows), query.limit, (item) => item.issuedAt);
    return page;
  }

  /** Public: the holder's name, the course's title, the issue date and whether it is valid. */
  async verify({
    number,
  }: RpcRequest<typeof TrainingRpc.verifyCertificate>): Promise<
    RpcReply<typeof TrainingRpc.verifyCertificate>
  > {
    const row = await this.certificates.byNumber(number);
    const course = row && (await this.courses.findById(row.courseId));
    if (!row || !course) throw new DomainError('CERTIFICATE_NOT_FOUND');
    return {
      holderName: row.holderName,
      courseTitle: course.title,
      issuedAt: row.issuedAt.toISOString(),
      valid: isValid(row, new Date()),
    };
  }

  async present(rows: readonly CertificateRow[]): Promise<Certificate[]> {
    const courses = await this.courses.findMany([...new Set(rows.map((row) => row.courseId))]);
    const titles = new Map(courses.map((course) => [course.id, course.title]));
    const now = new Date();
    return rows.map((row) => toCertificate(row, titles.get(row.courseId) ?? '', now));
  }
}
