import { retryDelayMs } from './retry-schedule';
import { signatureOf, verifySignature } from './webhook-signature';
import { checkTarget, isRefusedAddress } from './webhook-target';

describe('webhook signatures', () => {
  const body = '{"id":"e-1"}';

  it('sign "t.body" with HMAC-SHA256 and verify within the tolerance only', () => {
    const header = signatureOf('whsec_x', 1_700_000_000, body);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_x', header, body, 1_700_000_100)).toBe(true);
    expect(verifySignature('whsec_x', header, body, 1_700_001_000)).toBe(false);
    expect(verifySignature('whsec_y', header, body, 1_700_000_000)).toBe(false);
    expect(verifySignature('whsec_x', header, `${body} `, 1_700_000_000)).toBe(false);
  });
});

describe('webhook retries', () => {
  it('back off exponentially with jitter, up to an hour', () => {
    expect(retryDelayMs(1, () => 0)).toBe(500);
    expect(retryDelayMs(1, () => 1)).toBe(1000);
    expect(retryDelayMs(4, () => 1)).toBe(8000);
    expect(retryDelayMs(40, () => 1)).toBe(3_600_000);
  });
});

describe('webhook targets (SSRF)', () => {
  it('refuse loopback, private, link-local and mapped addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ]) {
      expect([address, isRefusedAddress(address)]).toEqual([address, true]);
    }
    expect(isRefusedAddress('93.184.216.34')).toBe(false);
    expect(isRefusedAddress('2606:2800:220:1:248:1893:25c8:1946')).toBe(false);
  });

  it('take only HTTPS to public addresses, unless private ones are allowed', async () => {
    expect(await checkTarget('http://93.184.216.34/hook', false)).toMatchObject({ ok: false });
    expect(await checkTarget('https://127.0.0.1/hook', false)).toMatchObject({ ok: false });
    expect(await checkTarget('https://localhost/hook', false)).toMatchObject({ ok: false });
    expect(await checkTarget('https://[::1]/hook', false)).toMatchObject({ ok: false });
    expect(await checkTarget('https://93.184.216.34/hook', false)).toEqual({ ok: true });
    expect(await checkTarget('http://127.0.0.1:9/hook', true)).toEqual({ ok: true });
    expect(await checkTarget('ftp://127.0.0.1/hook', true)).toMatchObject({ ok: false });
  });
});
