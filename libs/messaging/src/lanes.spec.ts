import { lanesOf } from './lanes';

describe('lanesOf', () => {
  const items = Array.from({ length: 40 }, (_, n) => ({ key: `order-${n % 7}`, n }));

  it('keeps the items of one key in one lane, in their order', () => {
    const lanes = lanesOf(items, 2, (item) => item.key);
    for (const key of new Set(items.map((item) => item.key))) {
      const holding = lanes.filter((lane) => lane.some((item) => item.key === key));
      expect(holding).toHaveLength(1);
      const order = holding[0]?.filter((item) => item.key === key).map((item) => item.n);
      expect(order).toEqual(items.filter((item) => item.key === key).map((item) => item.n));
    }
    expect(lanes.flat()).toHaveLength(items.length);
  });

  it('uses more than one lane for keys that differ', () => {
    const used = lanesOf(items, 2, (item) => item.key).filter((lane) => lane.length > 0);
    expect(used).toHaveLength(2);
  });

  it('gives a key the same lane in every batch, and every lane a place, empty or not', () => {
    const lanes = lanesOf(items, 5, (item) => item.key);
    expect(lanes).toHaveLength(5);
    for (const [index, lane] of lanes.entries()) {
      for (const item of lane) {
        const alone = lanesOf([item], 5, (one) => one.key);
        expect(alone[index]).toEqual([item]);
      }
    }
  });

  it('puts the items without a key together in the first lane, in their order', () => {
    const lanes = lanesOf(items, 3, (item) => (item.n % 2 === 0 ? undefined : item.key));
    const keyless = items.filter((item) => item.n % 2 === 0);
    expect(lanes[0]?.filter((item) => item.n % 2 === 0)).toEqual(keyless);
  });

  it('gives one lane when asked for one', () => {
    expect(lanesOf(items, 1, (item) => item.key)).toEqual([items]);
  });
});
