import type { ArgumentsHost } from '@nestjs/common';
import type { Logger } from 'pino';
import { firstValueFrom } from 'rxjs';

import { DomainError, type RpcErrorShape } from '@salesops/rpc';

import { RpcExceptionFilter } from './rpc-exception.filter';

const logger = { error: jest.fn(), warn: jest.fn() } as unknown as Logger;
const host = {} as ArgumentsHost;

async function shapeOf(sut: RpcExceptionFilter, exception: unknown): Promise<RpcErrorShape> {
  try {
    await firstValueFrom(sut.catch(exception, host));
  } catch (shape) {
    return shape as RpcErrorShape;
  }
  throw new Error('the filter did not fail the call');
}

describe('RpcExceptionFilter', () => {
  const busy = Object.assign(new Error('pool timeout'), { code: 'P2024' });
  const databaseErrors = (error: unknown) =>
    error === busy ? new DomainError('SERVICE_UNAVAILABLE') : undefined;

  it('maps database errors through the mapping the database module provides', async () => {
    const sut = new RpcExceptionFilter(logger, databaseErrors);
    expect(await shapeOf(sut, busy)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
  });

  it('answers INTERNAL for what no mapping knows, with or without a database', async () => {
    expect(
      await shapeOf(new RpcExceptionFilter(logger, databaseErrors), new Error('x')),
    ).toMatchObject({ code: 'INTERNAL' });
    expect(await shapeOf(new RpcExceptionFilter(logger), busy)).toMatchObject({ code: 'INTERNAL' });
  });
});
