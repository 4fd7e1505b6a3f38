import pino from 'pino';

import { untilBusAnswers } from './until-bus-answers';

const logger = pino({ level: 'silent' });

function failing(
  times: number,
  name: string,
): { call: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    call: () => {
      calls += 1;
      if (calls <= times) return Promise.reject(Object.assign(new Error('no answer'), { name }));
      return Promise.resolve('made');
    },
    calls: () => calls,
  };
}

describe('untilBusAnswers', () => {
  it('calls again while the bus does not answer in time, then returns what it answers', async () => {
    const setup = failing(2, 'TimeoutError');
    await expect(untilBusAnswers('a consumer', setup.call, logger)).resolves.toBe('made');
    expect(setup.calls()).toBe(3);
  });

  it('fails at once on anything but an absent or busy bus', async () => {
    const setup = failing(1, 'JetStreamApiError');
    await expect(untilBusAnswers('a consumer', setup.call, logger)).rejects.toThrow('no answer');
    expect(setup.calls()).toBe(1);
  });

  it('gives up when the bus has not answered by the deadline', async () => {
    const setup = failing(5, 'NoRespondersError');
    await expect(untilBusAnswers('a consumer', setup.call, logger, 0)).rejects.toThrow('no answer');
    expect(setup.calls()).toBe(1);
  });
});
