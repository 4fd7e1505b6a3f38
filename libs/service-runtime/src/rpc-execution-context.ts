import type { ExecutionContext, Type } from '@nestjs/common';
import type { HttpArgumentsHost, RpcArgumentsHost, WsArgumentsHost } from '@nestjs/common/internal';
import type { NatsContext } from '@nestjs/microservices';

/**
 * The execution context of one NATS message, as guards and parameter resolvers see it under
 * Nest: its data, its NatsContext and the handler serving it. One object per message, with no
 * closures made per call (Nest's `switchToRpc` assigns two on every call).
 */
export class RpcExecutionContext implements ExecutionContext, RpcArgumentsHost {
  constructor(
    private readonly data: unknown,
    private readonly nats: NatsContext,
    private readonly type: Type,
    private readonly handler: (...args: never[]) => unknown,
  ) {}

  getType<T extends string = 'rpc'>(): T {
    return 'rpc' as T;
  }
  getClass<T = unknown>(): Type<T> {
    return this.type as Type<T>;
  }
  getHandler(): (...args: never[]) => unknown {
    return this.handler;
  }
  getArgs<T extends unknown[] = unknown[]>(): T {
    return [this.data, this.nats] as T;
  }
  getArgByIndex<T = unknown>(index: number): T {
    return (index === 0 ? this.data : index === 1 ? this.nats : undefined) as T;
  }
  switchToRpc(): RpcArgumentsHost {
    return this;
  }
  getData<T = unknown>(): T {
    return this.data as T;
  }
  getContext<T = NatsContext>(): T {
    return this.nats as T;
  }
  switchToHttp(): HttpArgumentsHost {
    throw new Error('a NATS message has no HTTP context');
  }
  switchToWs(): WsArgumentsHost {
    throw new Error('a NATS message has no WebSocket context');
  }
}
