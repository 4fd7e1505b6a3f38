import { Inject, Injectable } from '@nestjs/common';

import type { ListProductsQuery } from '@salesops/orders-contracts';
import { atVersion, newestFirst, versionedUpdate, type Work } from '@salesops/persistence';
import { DomainError } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';

export type { Product as ProductRow } from '../generated/prisma/client';
import type { Product as ProductRow } from '../generated/prisma/client';

export interface ProductFields {
  sku: string;
  name: string;
  category: string;
  listPriceMinor: bigint;
  floorPriceMinor: bigint;
  unitCostMinor: bigint;
  active: boolean;
}

@Injectable()
export class ProductsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  create(id: string, fields: ProductFields, work?: Work): Promise<ProductRow> {
    return this.prisma.within(work).product.create({ data: { id, ...fields } });
  }

  findById(id: string, work?: Work): Promise<ProductRow | null> {
    return this.prisma.within(work).product.findUnique({ where: { id } });
  }

  /** One named (prepared) statement outside work: every order create and line change reads it. */
  findMany(ids: readonly string[], work?: Work): Promise<ProductRow[]> {
    return this.prisma.rows<ProductRow>(
      'SELECT * FROM product WHERE id = ANY($1::uuid[])',
      [[...new Set(ids)]],
      work,
    );
  }

  update(
    id: string,
    expectedVersion: number | null,
    patch: Partial<ProductFields>,
    work?: Work,
  ): Promise<ProductRow> {
    const tx = this.prisma.within(work);
    return versionedUpdate(
      new DomainError('PRODUCT_NOT_FOUND'),
      () => tx.product.updateMany(atVersion(id, expectedVersion, patch)),
      () => tx.product.findUnique({ where: { id } }),
    );
  }

  async list(query: ListProductsQuery): Promise<ProductRow[]> {
    const page = newestFirst<Prisma.ProductWhereInput, Prisma.ProductOrderByWithRelationInput>(
      query,
    );
    return this.prisma.product.findMany({
      where: {
        AND: [page.after],
        ...(query.category ? { category: query.category } : {}),
        ...(query.active ? { active: query.active === 'true' } : {}),
        ...(query.sku ? { sku: query.sku } : {}),
      },
      orderBy: page.orderBy,
      take: page.take,
    });
  }
}
