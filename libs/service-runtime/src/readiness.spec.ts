import { Readiness } from './readiness';

describe('Readiness', () => {
  it('is not ready before the process has started serving', async () => {
    const sut = new Readiness();
    sut.register('database', () => Promise.resolve());
    expect(await sut.report()).toEqual({
      ready: false,
      checks: { database: 'ok', startup: 'in progress' },
    });
    sut.markStarted();
    expect((await sut.report()).ready).toBe(true);
  });

  it('names the check that fails', async () => {
    const sut = new Readiness();
    sut.markStarted();
    sut.register('nats', () => Promise.reject(new Error('closed')));
    expect(await sut.report()).toEqual({ ready: false, checks: { nats: 'closed' } });
  });

  it('stops being ready when shutdown begins', async () => {
    const sut = new Readiness();
    sut.markStarted();
    sut.stopAccepting();
    expect((await sut.report()).ready).toBe(false);
  });
});
