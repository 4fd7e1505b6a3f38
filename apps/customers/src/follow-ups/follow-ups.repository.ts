import { Inject, Injectable } from '@nestjs/common';

import { keysetPage, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';

export type { FollowUp as FollowUpRow } from '../generated/prisma/client';

@Injectable()
export class FollowUpsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(
    followUp: {
      id: string;
      customerId: string;
      memberId: string;
      channel: string;
      content: string;
      outcome: string | null;
      nextFollowUpAt: Date | null;
      at: Date;
    },
    work: Work,
  ) {
    return this.prisma.within(work).followUp.create({ data: followUp });
  }

  /** Newest first, one row more than asked. */
  list(customerId: string, query: { limit: number; cursor?: string }) {
    const page = keysetPage<Prisma.FollowUpWhereInput, Prisma.FollowUpOrderByWithRelationInput>(
      query,
      'at',
      'desc',
      (value) => new Date(String(value)),
    );
    return this.prisma.followUp.findMany({
      where: { customerId, ...page.after },
      orderBy: page.orderBy,
      take: page.take,
    });
  }
}
