import { z } from 'zod';

import { pageQuerySchema } from '@salesops/contract-kit';

import { moneySchema } from '@salesops/contract-kit';

/** api.md's Product. `unitCost` is `financial`: absent unless the caller is cleared. */
export const productSchema = z.object({
  id: z.uuid(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  listPrice: z.string(),
  floorPrice: z.string(),
  unitCost: z.string().optional(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Product = z.infer<typeof productSchema>;

const sku = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash, underscore');

export const createProductInputSchema = z
  .object({
    sku,
    name: z.string().trim().min(1).max(200),
    category: z.string().trim().min(1).max(100),
    listPrice: moneySchema,
    floorPrice: moneySchema,
    unitCost: moneySchema,
    active: z.boolean().default(true),
  })
  .strict();

export const updateProductInputSchema = z
  .object({
    sku,
    name: z.string().trim().min(1).max(200),
    category: z.string().trim().min(1).max(100),
    listPrice: moneySchema,
    floorPrice: moneySchema,
    unitCost: moneySchema,
    active: z.boolean(),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'at least one field to change');

export const listProductsQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    category: z.string().trim().min(1).max(100).optional(),
    active: z.enum(['true', 'false']).optional(),
    sku: sku.optional(),
  })
  .strict();
export type ListProductsQuery = z.output<typeof listProductsQuerySchema>;
