import { z } from 'zod';

import { defineRpc, pageOf } from '@salesops/contract-kit';

import {
  createProductInputSchema,
  listProductsQuerySchema,
  productSchema,
  updateProductInputSchema,
} from './product.schemas';

const idempotencyKey = z.string().min(1).max(200).nullable();
const expectedVersion = z.number().int().min(1).nullable();

/** Products: every sales role reads them; operations and directors edit them. */
export const ProductRpc = {
  createProduct: defineRpc({
    subject: 'orders.product.create.v1',
    permission: 'products:write',
    request: z.object({ idempotencyKey, input: createProductInputSchema }).strict(),
    reply: productSchema,
  }),
  listProducts: defineRpc({
    subject: 'orders.product.list.v1',
    permission: 'orders:read',
    request: listProductsQuerySchema,
    reply: pageOf(productSchema),
  }),
  getProduct: defineRpc({
    subject: 'orders.product.get.v1',
    permission: 'orders:read',
    request: z.object({ id: z.uuid() }).strict(),
    reply: productSchema,
  }),
  updateProduct: defineRpc({
    subject: 'orders.product.update.v1',
    permission: 'products:write',
    request: z.object({ id: z.uuid(), expectedVersion, patch: updateProductInputSchema }).strict(),
    reply: productSchema,
  }),
} as const;
