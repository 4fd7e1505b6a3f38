import { resolve } from 'node:path';

import ts from 'typescript';

import { DomainError } from '@salesops/contract-kit';

import { membersErrors } from './members.errors';

const fixtures = resolve(__dirname, '../test/compile-fixtures');

/** Type-checks one fixture as the build does, and returns its errors' codes. */
function compileErrors(fixture: string): number[] {
  const config = ts.readConfigFile(resolve(__dirname, '../../../tsconfig.base.json'), (path) =>
    ts.sys.readFile(path),
  );
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, fixtures);
  const program = ts.createProgram([resolve(fixtures, fixture)], {
    ...options,
    noEmit: true,
    incremental: false,
    composite: false,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => diagnostic.code);
}

const NOT_ASSIGNABLE = 2345;

describe("the members service's error codes", () => {
  it('carry their status at run time', () => {
    expect(new DomainError('MEMBER_NOT_FOUND').status).toBe(membersErrors.MEMBER_NOT_FOUND.status);
  });

  it('compile beside the shared ones', () => {
    expect(compileErrors('known-codes.ts')).toEqual([]);
  }, 60_000);

  it('leave a code no catalog declares uncompiled', () => {
    expect(compileErrors('unknown-code.ts')).toEqual([NOT_ASSIGNABLE]);
  }, 60_000);

  it("compile only where the members' catalog is seen", () => {
    expect(compileErrors('unseen-catalog.ts')).toEqual([NOT_ASSIGNABLE]);
  }, 60_000);
});
