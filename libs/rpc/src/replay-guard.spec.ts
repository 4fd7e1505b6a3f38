import { ReplayGuard } from './replay-guard';

describe('ReplayGuard', () => {
  it('takes an id once', () => {
    const sut = new ReplayGuard();
    expect(sut.firstUse('a', 130, 100)).toBe(true);
    expect(sut.firstUse('a', 130, 101)).toBe(false);
    expect(sut.firstUse('b', 130, 101)).toBe(true);
  });

  it('forgets an id once it has expired, as its identity is refused as expired by then', () => {
    const sut = new ReplayGuard();
    sut.firstUse('a', 130, 100);
    sut.firstUse('b', 140, 100);
    expect(sut.firstUse('c', 150, 135)).toBe(true);
    expect(sut.size).toBe(2);
  });

  it('refuses new ids rather than forget live ones when full', () => {
    const sut = new ReplayGuard(2);
    sut.firstUse('a', 130, 100);
    sut.firstUse('b', 130, 100);
    expect(sut.firstUse('c', 130, 100)).toBe(false);
    expect(sut.firstUse('a', 130, 100)).toBe(false);
    expect(sut.firstUse('c', 160, 131)).toBe(true);
  });
});
