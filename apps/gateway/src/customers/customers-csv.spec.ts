import { csvCell, csvLine } from './customers-csv';

describe('customer CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+8613812345678', "'+8613812345678"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    [null, ''],
    [['vip', 'demo'], 'vip;demo'],
    [3, '3'],
  ])('writes %j as %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['a', null, 'b'])).toBe('a,,b\r\n');
  });
});
