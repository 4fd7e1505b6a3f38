import type { Msg } from '@nats-io/transport-node';
import type { ExecutionContext, INestApplicationContext, Type } from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PIPES_METADATA,
} from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { NatsContext } from '@nestjs/microservices';
import type { Logger } from 'pino';

import type { RpcContract } from '@salesops/rpc';

import { EncodedReply } from './encoded-reply';
import { RPC_CONTRACT } from './rpc-contract.metadata';
import type { RpcExceptionFilter } from './rpc-exception.filter';
import { rpcParamsOf, type RpcParam } from './rpc-handler.decorator';
import { RpcExecutionContext } from './rpc-execution-context';
import type { RpcServing } from './rpc-serving';

type Handler = (...args: unknown[]) => unknown;

/** One handler of a contract's subject: the controller, its method and its parameters. */
export interface RpcRoute {
  contract: RpcContract;
  type: Type;
  instance: object;
  handler: Handler;
  params: RpcParam[];
}

/** A check every message passes before its handler runs, in order (Nest's guard interface). */
export interface RpcGate {
  canActivate(context: ExecutionContext): boolean;
}

const ENHANCERS = [
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  PIPES_METADATA,
  EXCEPTION_FILTERS_METADATA,
];
const encoder = new TextEncoder();

/**
 * Every @RpcHandler of the application's controllers, by subject. A handler or controller with
 * guards, interceptors, pipes or filters of its own is refused: they would not run here.
 */
export function rpcRoutesOf(app: INestApplicationContext): Map<string, RpcRoute> {
  const routes = new Map<string, RpcRoute>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as Type | null;
      const instance = wrapper.instance as object | undefined;
      if (!type || !instance) continue;
      refuseEnhancers(type, type.name);
      for (const key of methodNames(type.prototype as object)) {
        const handler = (type.prototype as Record<string, unknown>)[key] as Handler;
        const contract = Reflect.getMetadata(RPC_CONTRACT, handler) as RpcContract | undefined;
        if (!contract) continue;
        refuseEnhancers(handler, `${type.name}.${key}`);
        if (routes.has(contract.subject)) {
          throw new Error(`${contract.subject} has two handlers (${type.name}.${key})`);
        }
        const params = rpcParamsOf(type.prototype as object, key, handler.length);
        routes.set(contract.subject, { contract, type, instance, handler, params });
      }
    }
  }
  return routes;
}

function methodNames(prototype: object): string[] {
  const names = new Set<string>();
  for (
    let at: object | null = prototype;
    at && at !== Object.prototype;
    at = Object.getPrototypeOf(at) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(at)) {
      const descriptor = Object.getOwnPropertyDescriptor(at, name);
      if (name !== 'constructor' && typeof descriptor?.value === 'function') names.add(name);
    }
  }
  return [...names];
}

function refuseEnhancers(target: object, name: string): void {
  for (const key of ENHANCERS) {
    const enhancers = Reflect.getMetadata(key, target) as unknown[] | undefined;
    if (enhancers && enhancers.length > 0) {
      throw new Error(
        `${name} has ${key}: an RPC handler runs the service runtime's pipeline only`,
      );
    }
  }
}

/**
 * Serves NATS messages straight from the subscription, in the wire format of Nest's NATS
 * transport: the gates (deadline, identity) in order, then the handler in its request context
 * with its reply validated, and any failure mapped by the exception filter. Nest's microservice
 * pipeline (its rxjs streams, proxies and per-call context objects) cost about a tenth of a read.
 */
export class RpcDispatcher {
  constructor(
    private readonly routes: Map<string, RpcRoute>,
    private readonly gates: RpcGate[],
    private readonly serving: RpcServing,
    private readonly filter: RpcExceptionFilter,
    private readonly logger: Logger,
  ) {}

  subjects(): string[] {
    return [...this.routes.keys()];
  }

  /** Handles one message to its answer; never rejects. */
  async dispatch(subject: string, msg: Msg): Promise<void> {
    const route = this.routes.get(subject);
    if (!route) return;
    let packet: { pattern?: unknown; data?: unknown; id?: unknown };
    try {
      packet = requestOf(msg.json());
    } catch (error) {
      this.logger.error({ err: error, subject }, 'unreadable message');
      return;
    }
    const context = new RpcExecutionContext(
      packet.data,
      new NatsContext([msg.subject, msg.headers]),
      route.type,
      route.handler,
    );
    let answer: string | Uint8Array;
    try {
      for (const gate of this.gates) {
        if (!gate.canActivate(context)) throw new Error('Forbidden resource');
      }
      const response = await this.serving.serve(context, route.contract, () =>
        route.handler.apply(
          route.instance,
          route.params.map((param) => param(context)),
        ),
      );
      answer =
        response instanceof EncodedReply
          ? response.answer
          : JSON.stringify({ response, isDisposed: true, id: packet.id });
    } catch (error) {
      answer = JSON.stringify({ err: this.filter.shapeOf(error), isDisposed: true, id: packet.id });
    }
    // A message without an id is an event under Nest's transport: handled, never answered.
    if (packet.id === undefined || !msg.reply) return;
    try {
      msg.respond(typeof answer === 'string' ? encoder.encode(answer) : answer);
    } catch (error) {
      this.logger.error({ err: error, subject }, 'could not answer a message');
    }
  }
}

/** Nest's reading of a request: `{ pattern, data, id }`, or anything else as the data. */
function requestOf(value: unknown): { pattern?: unknown; data?: unknown; id?: unknown } {
  const packet = value as { pattern?: unknown; data?: unknown; id?: unknown } | null;
  if (packet && (packet.pattern !== undefined || packet.data !== undefined)) return packet;
  return { data: value };
}
