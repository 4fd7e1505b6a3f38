import { z } from 'zod';

/** The path parameters of every route on one resource, `/…/:id`. */
export const idParams = z.object({ id: z.uuid() });
