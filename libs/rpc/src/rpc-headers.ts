/** NATS header names shared by every process. */
export const RpcHeader = {
  requestId: 'x-request-id',
  /** W3C Trace Context: each call is a new span of the caller's trace. */
  traceparent: 'traceparent',
  identity: 'x-salesops-identity',
  /**
   * How many milliseconds the caller will still wait for the reply, when it sent the request.
   * Relative, as gRPC's `grpc-timeout`, so the hosts' clocks need not agree.
   */
  timeLeft: 'x-salesops-time-left-ms',
} as const;
