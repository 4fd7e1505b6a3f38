import { z } from 'zod';

import { DomainError, rpcErrorSchema, validationError } from './domain-error';
import { defineErrors } from './error-catalog';
import { sharedErrors } from './shared-errors';

const specErrors = defineErrors({
  SPEC_THING_TAKEN: { status: 409, title: 'The thing is taken' },
});
declare module './error-catalog' {
  interface ErrorCatalogs {
    spec: typeof specErrors;
  }
}

describe('DomainError', () => {
  it.each(Object.entries(sharedErrors))('carries the catalog status of %s', (code, entry) => {
    const sut = new DomainError(code as keyof typeof sharedErrors);
    expect(sut.status).toBe(entry.status);
    expect(rpcErrorSchema.parse(sut.toShape())).toEqual(sut.toShape());
  });

  it('survives the trip through its wire shape', () => {
    const sut = new DomainError('SPEC_THING_TAKEN', 'taken', { employeeNo: 'A-1' });
    const back = DomainError.from(
      JSON.parse(JSON.stringify(sut.toShape())) as ReturnType<DomainError['toShape']>,
    );
    expect(back).toMatchObject({
      code: 'SPEC_THING_TAKEN',
      status: 409,
      message: 'taken',
      details: { employeeNo: 'A-1' },
    });
  });

  it("takes its status from its owner's catalog", () => {
    expect(new DomainError('SPEC_THING_TAKEN').status).toBe(specErrors.SPEC_THING_TAKEN.status);
  });

  it('refuses a second owner of a code with another meaning', () => {
    expect(() => defineErrors({ SPEC_THING_TAKEN: { status: 400, title: 'other' } })).toThrow(
      /declared twice/,
    );
  });

  it('refuses a code that is not in the catalog on the wire', () => {
    expect(rpcErrorSchema.safeParse({ code: 'MADE_UP', status: 400, message: 'x' }).success).toBe(
      false,
    );
  });
});

describe('validationError', () => {
  it('names each field, including every unknown one', () => {
    const schema = z
      .object({ name: z.string(), nested: z.object({ n: z.number() }).strict() })
      .strict();
    const parsed = schema.safeParse({ name: 1, nested: { n: 'x', extra: true }, surprise: 1 });
    if (parsed.success) throw new Error('expected a failure');

    const sut = validationError(parsed.error.issues);

    expect(sut.code).toBe('VALIDATION_FAILED');
    expect(sut.errors?.map((error) => error.path).sort()).toEqual(
      ['name', 'nested.extra', 'nested.n', 'surprise'].sort(),
    );
  });
});
