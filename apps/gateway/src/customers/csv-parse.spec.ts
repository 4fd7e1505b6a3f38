import { parseCsv } from './csv-parse';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and LF, and drops a BOM and blank lines', () => {
    expect(parseCsv('\uFEFFname,phone\r\n"Lin, Mei","1 ""38"""\n\nWu,139\n')).toEqual([
      ['name', 'phone'],
      ['Lin, Mei', '1 "38"'],
      ['Wu', '139'],
    ]);
  });

  it('keeps a line break inside quotes and a last line without one', () => {
    expect(parseCsv('a,b\n"x\ny",z')).toEqual([
      ['a', 'b'],
      ['x\ny', 'z'],
    ]);
  });

  it('keeps empty cells', () => {
    expect(parseCsv('a,,c\n')).toEqual([['a', '', 'c']]);
  });
});
