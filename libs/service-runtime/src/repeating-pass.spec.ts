import { RepeatingPass } from './repeating-pass';

describe('a repeating pass', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once, then again an interval after each pass ends', async () => {
    let passes = 0;
    const sut = new RepeatingPass(() => Promise.resolve((passes += 1)), 1000);

    sut.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(passes).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toBe(2);

    await sut.stop();
  });

  it('stopped during a pass, waits for it and leaves no timer to run another', async () => {
    let passes = 0;
    let finish = () => {};
    const sut = new RepeatingPass(() => {
      passes += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    }, 1000);

    sut.start();
    const stopped = sut.stop();
    finish();
    await stopped;

    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(5000);
    expect(passes).toBe(1);
  });
});
