import { HttpException } from '@nestjs/common';

import { DomainError } from '@salesops/rpc';

import { toProblem } from './problem';
import { problemCatalog, type ProblemCode } from './problem-catalog';

describe('toProblem', () => {
  it.each(Object.keys(problemCatalog) as ProblemCode[])('maps %s to its status', (code) => {
    const problem = toProblem(new DomainError(code), 'req-1');
    expect(problem).toMatchObject({
      code,
      status: problemCatalog[code].status,
      requestId: 'req-1',
    });
    expect(problem.type).toMatch(/^https:\/\//);
  });

  it('keeps field errors and details', () => {
    const error = new DomainError('VALIDATION_FAILED', 'bad', { hint: 1 }, [
      { path: 'body.name', message: 'required' },
    ]);
    expect(toProblem(error, 'r')).toMatchObject({
      errors: [{ path: 'body.name' }],
      details: { hint: 1 },
    });
  });

  it.each([
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'MALFORMED_JSON'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'MALFORMED_JSON'],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'PAYLOAD_TOO_LARGE'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])("maps Fastify's %s, as Nest wraps it, to %i %s", (fastifyCode, status, code) => {
    const cause = Object.assign(new Error('fastify'), { code: fastifyCode, statusCode: status });
    const wrapped = new HttpException('fastify', status, { cause });
    expect(toProblem(wrapped, 'r')).toMatchObject({ status, code });
  });

  it('answers anything unexpected with a 500 that reveals nothing', () => {
    const problem = toProblem(new Error('connection string postgres://secret@db'), 'r');
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(problem)).not.toContain('secret');
  });
});
