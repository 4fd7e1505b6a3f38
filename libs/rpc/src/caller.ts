import { z } from 'zod';

/** Who a request is made for, as the gateway vouches for it. */
export const callerSchema = z.object({
  kind: z.enum(['user', 'api_key', 'system']),
  id: z.string(),
  memberId: z.string().nullable(),
  teamId: z.string().nullable(),
  roles: z.array(z.string()),
});
export type Caller = z.infer<typeof callerSchema>;

export const SYSTEM_CALLER: Caller = {
  kind: 'system',
  id: 'system',
  memberId: null,
  teamId: null,
  roles: [],
};
