import { CACHED_RANKINGS, RankingCache } from './ranking-cache';

const entries = (value: string) => [{ rank: 1, memberId: 'm1', name: 'One', value }];

describe('the live rankings kept', () => {
  it('serves a ranking again only at the version of the inputs it was computed at', () => {
    const sut = new RankingCache<ReturnType<typeof entries>>();
    sut.set('2026-11 salesAmount company ', '7', entries('10.00'));

    expect(sut.get('2026-11 salesAmount company ', '7')).toEqual(entries('10.00'));
    expect(sut.get('2026-11 salesAmount company ', '8')).toBeUndefined();
    expect(sut.get('2026-11 profit company ', '7')).toBeUndefined();

    sut.set('2026-11 salesAmount company ', '8', entries('20.00'));
    expect(sut.get('2026-11 salesAmount company ', '8')).toEqual(entries('20.00'));
    expect(sut.get('2026-11 salesAmount company ', '7')).toBeUndefined();
  });

  it('forgets the ranking used least recently when full', () => {
    const sut = new RankingCache<ReturnType<typeof entries>>();
    for (let i = 0; i < CACHED_RANKINGS; i += 1) sut.set(`key ${i}`, '1', entries(String(i)));
    sut.get('key 0', '1');
    sut.set('key new', '1', entries('new'));

    expect(sut.get('key 0', '1')).toEqual(entries('0'));
    expect(sut.get('key 1', '1')).toBeUndefined();
    expect(sut.get('key new', '1')).toEqual(entries('new'));
  });
});
