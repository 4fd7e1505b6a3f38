import { canonicalJson, hashOf } from './idempotency';

describe('request hashing for idempotency', () => {
  it('does not depend on the order of keys', () => {
    expect(hashOf({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(
      hashOf({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
  });

  it('tells different requests apart', () => {
    expect(hashOf({ a: 1 })).not.toBe(hashOf({ a: 2 }));
    expect(hashOf([1, 2])).not.toBe(hashOf([2, 1]));
  });

  it('ignores undefined fields as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});
