import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('lets the limit through in a window, then says how long to wait', () => {
    const sut = new RateLimiter(3, 60_000);
    const start = 120_000;
    expect([1, 2, 3].map(() => sut.take('ip-a', start))).toEqual([0, 0, 0]);
    expect(sut.take('ip-a', start + 15_000)).toBe(45);
    expect(sut.take('ip-b', start + 15_000)).toBe(0);
  });

  it('starts counting again in the next window', () => {
    const sut = new RateLimiter(1, 60_000);
    expect(sut.take('k', 0)).toBe(0);
    expect(sut.take('k', 59_999)).toBe(1);
    expect(sut.take('k', 60_000)).toBe(0);
  });
});
