import { z } from 'zod';

export { pageOf } from '@salesops/contract-kit';

export const byId = z.object({ id: z.uuid() }).strict();
export const idempotencyKey = z.string().min(1).max(200).nullable();
export const expectedVersion = z.number().int().min(1).nullable();
