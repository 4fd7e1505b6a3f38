/** NATS header names shared by every process. */
export const RpcHeader = {
  requestId: 'x-request-id',
  caller: 'x-salesops-caller',
} as const;
