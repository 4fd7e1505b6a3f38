/** NATS header names shared by every process. */
export const RpcHeader = {
  requestId: 'x-request-id',
  identity: 'x-salesops-identity',
} as const;
