import type { Msg } from '@nats-io/transport-node';
import { Controller, type ExecutionContext, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { z } from 'zod';

import { defineRpc, DomainError } from '@salesops/rpc';

import { EncodedReply } from './encoded-reply';
import { Metrics } from './metrics';
import { RpcDispatcher, type RpcGate, rpcRoutesOf } from './rpc-dispatcher';
import { RpcExceptionFilter } from './rpc-exception.filter';
import { RpcHandler, RpcPayload } from './rpc-handler.decorator';
import { RpcServing } from './rpc-serving';

const logger = {
  error: jest.fn(),
  warn: jest.fn(),
  info: jest.fn(),
  debug: jest.fn(),
} as unknown as Logger;
const echo = defineRpc({
  subject: 'tests.echo.get.v1',
  request: z.object({ word: z.string() }).strict(),
  reply: z.object({ word: z.string() }),
  anonymous: true,
});
const broken = defineRpc({
  subject: 'tests.broken.get.v1',
  request: z.object({}),
  reply: z.object({ word: z.string() }),
  anonymous: true,
});

const encoded = defineRpc({
  subject: 'tests.encoded.get.v1',
  request: z.object({}),
  reply: z.object({ word: z.string() }),
  anonymous: true,
});
const misencoded = defineRpc({
  subject: 'tests.misencoded.get.v1',
  request: z.object({}),
  reply: z.object({ word: z.string() }),
  anonymous: true,
});
// Made once with a field its contract does not list, and answered again as it is.
const kept = EncodedReply.of(encoded, { word: 'kept', secret: 'x' } as { word: string });

const handled: string[] = [];

@Controller()
class EchoController {
  @RpcHandler(echo)
  echo(@RpcPayload() request: { word: string }) {
    handled.push(request.word);
    return Promise.resolve({ word: request.word });
  }

  @RpcHandler(broken)
  broken() {
    return { word: 1 };
  }

  @RpcHandler(encoded)
  encoded() {
    return kept;
  }

  @RpcHandler(misencoded)
  misencoded() {
    return kept;
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

async function routesOf(module: new () => unknown) {
  const app = await NestFactory.createApplicationContext(module, { logger: false });
  try {
    return rpcRoutesOf(app);
  } finally {
    await app.close();
  }
}

function message(body: unknown, reply: string | undefined = 'inbox') {
  const answers: unknown[] = [];
  const msg = {
    subject: echo.subject,
    reply,
    headers: undefined,
    json: () => body,
    respond: (data: Uint8Array) => answers.push(JSON.parse(new TextDecoder().decode(data))),
  } as unknown as Msg;
  return { msg, answers };
}

describe('RpcDispatcher', () => {
  let sut: RpcDispatcher;
  const refusing: RpcGate = {
    canActivate: (context: ExecutionContext) => {
      if ((context.switchToRpc().getData<{ word?: string }>()?.word ?? '') === 'refused') {
        throw new DomainError('FORBIDDEN', 'refused');
      }
      return true;
    },
  };

  beforeAll(async () => {
    sut = new RpcDispatcher(
      await routesOf(EchoModule),
      [refusing],
      new RpcServing(new Metrics('tests'), logger),
      new RpcExceptionFilter(logger),
      logger,
    );
  });
  beforeEach(() => handled.splice(0));

  it('answers in the wire format of Nest’s NATS transport', async () => {
    const { msg, answers } = message({ pattern: echo.subject, data: { word: 'hi' }, id: 'm-1' });
    await sut.dispatch(echo.subject, msg);
    expect(answers).toEqual([{ response: { word: 'hi' }, isDisposed: true, id: 'm-1' }]);
  });

  it('answers an encoded reply as its contract lets it out, the same to every request', async () => {
    for (const id of ['m-e1', 'm-e2']) {
      const { msg, answers } = message({ pattern: encoded.subject, data: {}, id });
      await sut.dispatch(encoded.subject, msg);
      expect(answers).toEqual([{ response: { word: 'kept' }, isDisposed: true }]);
    }
  });

  it('answers INTERNAL for a reply encoded for another contract, never its bytes', async () => {
    const { msg, answers } = message({ pattern: misencoded.subject, data: {}, id: 'm-e3' });
    await sut.dispatch(misencoded.subject, msg);
    expect(answers).toEqual([
      { err: expect.objectContaining({ code: 'INTERNAL' }), isDisposed: true, id: 'm-e3' },
    ]);
  });

  it('refuses to encode a reply its contract refuses', () => {
    expect(() => EncodedReply.of(encoded, { word: 1 } as unknown as { word: string })).toThrow();
  });

  it('runs no handler when a gate refuses, and answers the mapped error', async () => {
    const { msg, answers } = message({ data: { word: 'refused' }, id: 'm-2' });
    await sut.dispatch(echo.subject, msg);
    expect(handled).toEqual([]);
    expect(answers).toEqual([
      {
        err: expect.objectContaining({ code: 'FORBIDDEN', status: 403 }),
        isDisposed: true,
        id: 'm-2',
      },
    ]);
  });

  it('answers VALIDATION_FAILED for a request its contract refuses', async () => {
    const { msg, answers } = message({ data: { word: 1 }, id: 'm-3' });
    await sut.dispatch(echo.subject, msg);
    expect(handled).toEqual([]);
    expect(answers).toEqual([
      { err: expect.objectContaining({ code: 'VALIDATION_FAILED' }), isDisposed: true, id: 'm-3' },
    ]);
  });

  it('answers INTERNAL for a reply that breaks its contract', async () => {
    const { msg, answers } = message({ data: {}, id: 'm-4' });
    await sut.dispatch(broken.subject, msg);
    expect(answers).toEqual([
      { err: expect.objectContaining({ code: 'INTERNAL' }), isDisposed: true, id: 'm-4' },
    ]);
  });

  it('handles a message without an id without answering it', async () => {
    const { msg, answers } = message({ data: { word: 'event' } });
    await sut.dispatch(echo.subject, msg);
    expect(handled).toEqual(['event']);
    expect(answers).toEqual([]);
  });
});

describe('rpcRoutesOf', () => {
  it('refuses a handler with a guard of its own, which would not run', async () => {
    @Controller()
    class Guarded {
      @RpcHandler(echo)
      @UseGuards(class {})
      echo(@RpcPayload() request: unknown) {
        return request;
      }
    }
    @Module({ controllers: [Guarded] })
    class GuardedModule {}
    await expect(routesOf(GuardedModule)).rejects.toThrow(/__guards__/);
  });

  it('refuses a handler parameter that no RPC decorator gives', async () => {
    @Controller()
    class Undecorated {
      @RpcHandler(echo)
      echo(request: unknown) {
        return request;
      }
    }
    @Module({ controllers: [Undecorated] })
    class UndecoratedModule {}
    await expect(routesOf(UndecoratedModule)).rejects.toThrow(/parameter 0 of echo/);
  });
});
