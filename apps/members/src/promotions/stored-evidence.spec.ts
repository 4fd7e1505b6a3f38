import { storedEvidenceOf } from './stored-evidence';

describe('storedEvidenceOf', () => {
  const pack = (kpis: unknown[]) => ({
    since: '2026-05-01T00:00:00.000Z',
    commendations: [],
    sanctions: [],
    kpis: { status: 'available', kpis },
  });

  it('reads sales stored as a JSON number as a decimal string', () => {
    const sut = storedEvidenceOf(
      pack([
        { name: 'salesAmount', value: 1234.5, floor: 0 },
        { name: 'ordersCompleted', value: 3, floor: 0 },
      ]),
    );
    expect(sut?.kpis?.kpis).toEqual([
      { name: 'salesAmount', value: '1234.50', floor: '0.00' },
      { name: 'ordersCompleted', value: 3, floor: 0 },
    ]);
  });

  it('keeps sales already stored as a string, and a pack without KPIs', () => {
    expect(
      storedEvidenceOf(pack([{ name: 'salesAmount', value: '99.90', floor: '50.00' }]))?.kpis,
    ).toEqual({
      status: 'available',
      kpis: [{ name: 'salesAmount', value: '99.90', floor: '50.00' }],
    });
    const unavailable = { ...pack([]), kpis: { status: 'unavailable' } };
    expect(storedEvidenceOf(unavailable)).toEqual(unavailable);
  });
});
