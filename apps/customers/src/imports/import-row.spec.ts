import { inputOfRow } from './import-row';

describe('inputOfRow', () => {
  it('makes a create request of a row, leaving empty cells to the defaults', () => {
    expect(
      inputOfRow({
        name: ' Lin Mei ',
        phone: '13812345678',
        channel: 'event',
        email: '',
        tags: 'vip; ;demo',
      }),
    ).toEqual({
      input: expect.objectContaining({
        name: 'Lin Mei',
        phone: '13812345678',
        channel: 'event',
        email: null,
        intent: 'C',
        tags: ['vip', 'demo'],
      }),
    });
  });

  it('names the columns of a row that makes no customer', () => {
    const result = inputOfRow({ name: '', channel: 'fax', email: 'not-an-email' });
    expect('errors' in result && result.errors.map((error) => error.path).sort()).toEqual([
      'channel',
      'email',
      'name',
    ]);
  });
});
