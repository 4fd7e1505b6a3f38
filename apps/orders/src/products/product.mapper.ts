import { fromMinor } from '@salesops/contract-kit';
import { type Product } from '@salesops/orders-contracts';

import type { ProductRow } from './products.repository';

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    category: row.category,
    listPrice: fromMinor(row.listPriceMinor),
    floorPrice: fromMinor(row.floorPriceMinor),
    unitCost: fromMinor(row.unitCostMinor),
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}
