import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  actor?: string;
  /** The W3C trace context of the span being served: log lines carry its trace id. */
  traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * On Node 20 an enabled AsyncLocalStorage runs a hook on every promise of the process, whether or
 * not a context is being served (a few percent of the gateway's CPU, which serves a context only
 * for the rare event it consumes). So the storage is disabled once a whole check interval went by
 * with no run begun and none in progress; the next run enables it again.
 */
const IDLE_CHECK_MS = 2000;
let running = 0;
let begun = 0;
let idleCheck: NodeJS.Timeout | undefined;

function release(): void {
  running -= 1;
}

/** Disables the storage when no run began since the last check and none is in progress. */
export function disableRequestContextIfIdle(): boolean {
  const idle = running === 0 && begun === 0;
  begun = 0;
  if (idle) {
    storage.disable();
    clearInterval(idleCheck);
    idleCheck = undefined;
  }
  return idle;
}

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    running += 1;
    begun += 1;
    idleCheck ??= setInterval(disableRequestContextIfIdle, IDLE_CHECK_MS).unref();
    let result: T;
    try {
      result = storage.run(context, fn);
    } catch (error) {
      release();
      throw error;
    }
    if (result instanceof Promise) result.then(release, release);
    else release();
    return result;
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
