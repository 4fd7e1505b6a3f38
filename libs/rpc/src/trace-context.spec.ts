import { childTraceparent, parseTraceparent, traceIdOf } from './trace-context';

describe('W3C trace context', () => {
  const given = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('reads a valid traceparent and refuses malformed or all-zero ones', () => {
    expect(parseTraceparent(given)).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      flags: '01',
    });
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7')).toBeNull();
    expect(parseTraceparent(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`)).toBeNull();
    expect(parseTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeNull();
  });

  it('continues the trace of a parent with a new span, or starts a new trace', () => {
    const child = childTraceparent(given);
    expect(traceIdOf(child)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(parseTraceparent(child)?.spanId).not.toBe('00f067aa0ba902b7');
    const fresh = childTraceparent(undefined);
    expect(parseTraceparent(fresh)).not.toBeNull();
    expect(traceIdOf(fresh)).not.toBe(traceIdOf(childTraceparent(undefined)));
  });

  it('gives every new span and trace ids of their own, across many blocks of random bytes', () => {
    const spans = new Set<string>();
    const traces = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const fresh = parseTraceparent(childTraceparent(undefined));
      const child = parseTraceparent(childTraceparent(given));
      if (!fresh || !child) throw new Error('not a valid traceparent');
      traces.add(fresh.traceId);
      spans.add(fresh.spanId).add(child.spanId);
    }
    expect(traces.size).toBe(2_000);
    expect(spans.size).toBe(4_000);
  });
});
