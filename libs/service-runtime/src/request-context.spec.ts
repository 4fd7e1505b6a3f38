import { disableRequestContextIfIdle, requestContext } from './request-context';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('requestContext', () => {
  it('carries the context across awaits inside a run, and not outside it', async () => {
    const seen = await requestContext.run({ requestId: 'r-1', actor: 'a' }, async () => {
      await tick();
      return requestContext.current();
    });
    expect(seen).toEqual({ requestId: 'r-1', actor: 'a' });
    expect(requestContext.current()).toBeUndefined();
  });

  it('is not disabled while a run is in progress or began since the last check', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const run = requestContext.run({ requestId: 'r-2' }, async () => {
      await held;
      return requestContext.current()?.requestId;
    });
    expect(disableRequestContextIfIdle()).toBe(false);
    expect(disableRequestContextIfIdle()).toBe(false);
    release();
    expect(await run).toBe('r-2');
    expect(disableRequestContextIfIdle()).toBe(true);
  });

  it('serves the next run fully once disabled for idleness', async () => {
    await requestContext.run({ requestId: 'r-3' }, async () => tick());
    disableRequestContextIfIdle();
    expect(disableRequestContextIfIdle()).toBe(true);
    const seen = await requestContext.run({ requestId: 'r-4' }, async () => {
      await tick();
      await Promise.all([tick(), tick()]);
      return requestContext.current()?.requestId;
    });
    expect(seen).toBe('r-4');
  });
});
