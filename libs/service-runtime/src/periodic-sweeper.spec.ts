import { PeriodicSweeper } from './periodic-sweeper';

class CountingSweeper extends PeriodicSweeper {
  sweeps = 0;

  constructor() {
    super(1000);
  }

  protected sweep(): Promise<void> {
    this.sweeps += 1;
    return Promise.resolve();
  }
}

describe('a periodic sweeper', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sweeps from bootstrap every interval, and not after shutdown', async () => {
    const sut = new CountingSweeper();
    await jest.advanceTimersByTimeAsync(5000);
    expect(sut.sweeps).toBe(0);

    sut.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1000);
    expect(sut.sweeps).toBe(2);

    await sut.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(5000);
    expect(sut.sweeps).toBe(2);
    expect(jest.getTimerCount()).toBe(0);
  });
});
