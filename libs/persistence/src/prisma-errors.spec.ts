import { domainErrorOfPrisma, isUniqueViolation } from './prisma-errors';

const prismaError = (code: string, meta?: object) =>
  Object.assign(new Error('prisma'), { name: 'PrismaClientKnownRequestError', code, meta });

describe('Prisma error mapping', () => {
  it.each([
    ['P2025', 'NOT_FOUND'],
    ['P2002', 'CONFLICT'],
    ['P1001', 'SERVICE_UNAVAILABLE'],
    ['P2024', 'SERVICE_UNAVAILABLE'],
    ['P2028', 'SERVICE_UNAVAILABLE'],
  ])('maps %s to %s', (code, expected) => {
    expect(domainErrorOfPrisma(prismaError(code))?.code).toBe(expected);
  });

  it('leaves alone what is not a known Prisma error', () => {
    expect(domainErrorOfPrisma(new Error('boom'))).toBeUndefined();
    expect(domainErrorOfPrisma(prismaError('P2003'))).toBeUndefined();
    expect(domainErrorOfPrisma({ code: 'P2025' })).toBeUndefined();
  });

  it('tells a unique violation, from a model query or a raw one, and on which field', () => {
    expect(isUniqueViolation(prismaError('P2002', { target: ['employeeNo'] }), 'employeeNo')).toBe(
      true,
    );
    expect(isUniqueViolation(prismaError('P2002', { target: ['name'] }), 'employeeNo')).toBe(false);
    const raw = prismaError('P2010', {
      driverAdapterError: { cause: { kind: 'UniqueConstraintViolation', fields: ['employeeNo'] } },
    });
    expect(isUniqueViolation(raw)).toBe(true);
    expect(isUniqueViolation(prismaError('P2010', { message: 'syntax' }))).toBe(false);
  });
});
