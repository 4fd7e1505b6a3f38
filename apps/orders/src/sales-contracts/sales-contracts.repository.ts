import { Inject, Injectable } from '@nestjs/common';

import type { ListSalesContractsQuery } from '@salesops/orders-contracts';
import { atVersion, newestFirst, versionedUpdate, type Work } from '@salesops/persistence';
import { DomainError, type Reach } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import type { Prisma, SalesContract as SalesContractRow } from '../generated/prisma/client';

export type { SalesContract as SalesContractRow } from '../generated/prisma/client';

function reachWhere(reach: Reach): Prisma.SalesContractWhereInput {
  if ('all' in reach) return {};
  if ('teamIds' in reach) return { teamId: { in: reach.teamIds } };
  return { ownerId: reach.ownerId ?? { in: [] } };
}

@Injectable()
export class SalesContractsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(
    contract: Omit<
      SalesContractRow,
      'createdAt' | 'updatedAt' | 'version' | 'approvedBy' | 'approvedAt' | 'statusReason'
    >,
    work?: Work,
  ): Promise<SalesContractRow> {
    return this.prisma.within(work).salesContract.create({ data: contract });
  }

  findById(id: string, work?: Work): Promise<SalesContractRow | null> {
    return this.prisma.within(work).salesContract.findUnique({ where: { id } });
  }

  change(
    id: string,
    version: number,
    change: Partial<
      Pick<SalesContractRow, 'status' | 'approvedBy' | 'approvedAt' | 'statusReason'>
    >,
    work?: Work,
  ): Promise<SalesContractRow> {
    const tx = this.prisma.within(work);
    return versionedUpdate(
      new DomainError('CONTRACT_NOT_FOUND'),
      () => tx.salesContract.updateMany(atVersion(id, version, change)),
      () => tx.salesContract.findUnique({ where: { id } }),
    );
  }

  list(query: ListSalesContractsQuery, reach: Reach): Promise<SalesContractRow[]> {
    const page = newestFirst<
      Prisma.SalesContractWhereInput,
      Prisma.SalesContractOrderByWithRelationInput
    >(query);
    return this.prisma.salesContract.findMany({
      where: {
        AND: [reachWhere(reach), page.after],
        ...(query.status ? { status: query.status } : {}),
        ...(query.customerId ? { customerId: query.customerId } : {}),
      },
      orderBy: page.orderBy,
      take: page.take,
    });
  }
}
