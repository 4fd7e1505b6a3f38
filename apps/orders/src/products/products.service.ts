import { toMinor } from '@salesops/contract-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { OrdersRpc, type Product } from '@salesops/orders-contracts';
import { isUniqueViolation, runIdempotent, toPage, UnitOfWork } from '@salesops/persistence';
import { DomainError, type IdentityClaims, type RpcReply, type RpcRequest } from '@salesops/rpc';

import { toProduct } from './product.mapper';
import { presentProduct } from './product.presenter';
import { type ProductFields, ProductsRepository } from './products.repository';

@Injectable()
export class ProductsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ProductsRepository) private readonly products: ProductsRepository,
  ) {}

  async create(
    { idempotencyKey: key, input }: RpcRequest<typeof OrdersRpc.createProduct>,
    identity: IdentityClaims,
  ): Promise<Product> {
    const fields: ProductFields = {
      sku: input.sku,
      name: input.name,
      category: input.category,
      listPriceMinor: toMinor(input.listPrice),
      floorPriceMinor: toMinor(input.floorPrice),
      unitCostMinor: toMinor(input.unitCost),
      active: input.active,
    };
    assertFloorWithinList(fields.floorPriceMinor, fields.listPriceMinor);
    const scope = `${identity.caller.id}:${OrdersRpc.createProduct.subject}`;
    const product = await this.unitOfWork
      .run((work) =>
        runIdempotent(work, { scope, key, request: input, cipher: null }, async () =>
          toProduct(await this.products.create(randomUUID(), fields, work)),
        ),
      )
      .catch(skuTakenOr);
    return presentProduct(product, identity);
  }

  async get({ id }: RpcRequest<typeof OrdersRpc.getProduct>, identity: IdentityClaims) {
    const row = await this.products.findById(id);
    if (!row) throw new DomainError('PRODUCT_NOT_FOUND');
    return presentProduct(toProduct(row), identity);
  }

  async list(
    query: RpcRequest<typeof OrdersRpc.listProducts>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof OrdersRpc.listProducts>> {
    const rows = await this.products.list(query);
    const page = toPage(rows.map(toProduct), query.limit, (product) => product.createdAt);
    return { ...page, items: page.items.map((product) => presentProduct(product, identity)) };
  }

  /** A change of fields at the `If-Match` version; the floor stays at or below the list price. */
  async update(
    { id, expectedVersion, patch }: RpcRequest<typeof OrdersRpc.updateProduct>,
    identity: IdentityClaims,
  ): Promise<Product> {
    const row = await this.unitOfWork
      .run(async (work) => {
        const current = await this.products.findById(id, work);
        if (!current) throw new DomainError('PRODUCT_NOT_FOUND');
        const change: Partial<ProductFields> = {
          ...(patch.sku === undefined ? {} : { sku: patch.sku }),
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.category === undefined ? {} : { category: patch.category }),
          ...(patch.active === undefined ? {} : { active: patch.active }),
          ...(patch.listPrice === undefined ? {} : { listPriceMinor: toMinor(patch.listPrice) }),
          ...(patch.floorPrice === undefined ? {} : { floorPriceMinor: toMinor(patch.floorPrice) }),
          ...(patch.unitCost === undefined ? {} : { unitCostMinor: toMinor(patch.unitCost) }),
        };
        assertFloorWithinList(
          change.floorPriceMinor ?? current.floorPriceMinor,
          change.listPriceMinor ?? current.listPriceMinor,
        );
        // Checked on the version read: a concurrent change of the prices makes this 412.
        return this.products.update(id, expectedVersion ?? current.version, change, work);
      })
      .catch(skuTakenOr);
    return presentProduct(toProduct(row), identity);
  }
}

function assertFloorWithinList(floor: bigint, list: bigint): void {
  if (floor > list) {
    throw new DomainError('PRODUCT_FLOOR_ABOVE_LIST', undefined, undefined, [
      { path: 'floorPrice', message: 'must not be above the list price' },
    ]);
  }
}

function skuTakenOr(error: unknown): never {
  if (isUniqueViolation(error, 'sku')) throw new DomainError('PRODUCT_SKU_TAKEN');
  throw error;
}
