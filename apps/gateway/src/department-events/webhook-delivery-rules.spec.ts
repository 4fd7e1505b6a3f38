import { createSecretKey } from 'node:crypto';

import { retryDelayMs } from './retry-schedule';
import { signatureOf, verifySignature } from './webhook-signature';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { postPinned, ReceiverAgents } from './webhook-post';
import {
  checkTarget,
  isRefusedAddress,
  lookupPinnedTo,
  pinTarget,
  type Resolver,
} from './webhook-target';

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

  it('sign the same with the secret kept as a key as with the secret itself', () => {
    const key = createSecretKey(Buffer.from('whsec_é', 'utf8'));
    expect(signatureOf(key, 1_700_000_000, body)).toBe(signatureOf('whsec_é', 1_700_000_000, body));
  });
});

describe('webhook connections', () => {
  it('are kept per receiver origin and pinned addresses, and closed once idle', () => {
    const agents = new ReceiverAgents(4);
    try {
      const url = new URL('https://hooks.example.com/a');
      const first = agents.of(url, ['93.184.216.34']);
      expect(agents.of(new URL('https://hooks.example.com/b'), ['93.184.216.34'])).toBe(first);
      // Resolved elsewhere since: never a connection made to the address checked before.
      expect(agents.of(url, ['93.184.216.35'])).not.toBe(first);
      expect(agents.of(new URL('https://other.example.com/a'), ['93.184.216.34'])).not.toBe(first);
      agents.closeIdle(Date.now() + 120_000);
      expect(agents.of(url, ['93.184.216.34'])).not.toBe(first);
    } finally {
      agents.close();
    }
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
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      'fc00::1',
      'febf::1',
      '::',
      '100.64.0.1',
      '64:ff9b::7f00:1',
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
    expect(await checkTarget('https://[fe80::1]/hook', false)).toMatchObject({ ok: false });
    expect(await checkTarget('ftp://127.0.0.1/hook', true)).toMatchObject({ ok: false });
  });

  /** A resolver that answers each name once as given, then elsewhere: DNS rebinding. */
  const rebinding = (first: string[], later: string[]) => {
    const asked: string[] = [];
    const resolve: Resolver = (host) => {
      asked.push(host);
      return Promise.resolve(asked.length === 1 ? first : later);
    };
    return { resolve, asked };
  };

  it('refuse a delivery when any address the host resolves to is private, in any IPv6 form', async () => {
    for (const address of [
      '127.0.0.1',
      '0.0.0.0',
      '169.254.169.254',
      '100.64.1.1',
      '::1',
      'fc00::5',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      const { resolve } = rebinding(['93.184.216.34', address], []);
      expect([address, await pinTarget('https://hooks.example/x', false, resolve)]).toEqual([
        address,
        { ok: false, reason: 'resolves to a loopback, private or link-local address' },
      ]);
    }
  });

  it('pin a delivery to the addresses checked: a name rebound to a private one afterwards is never asked again', async () => {
    const { resolve, asked } = rebinding(['93.184.216.34'], ['127.0.0.1']);
    const target = await pinTarget('https://hooks.example/x', false, resolve);
    expect(target).toMatchObject({ ok: true, addresses: ['93.184.216.34'] });
    if (!target.ok) return;
    const lookup = lookupPinnedTo(target.addresses);
    const one = await new Promise((done) =>
      lookup('hooks.example', {}, (_error, address, family) => done([address, family])),
    );
    const all = await new Promise((done) =>
      lookup('hooks.example', { all: true }, (_error, addresses) => done(addresses)),
    );
    expect(one).toEqual(['93.184.216.34', 4]);
    expect(all).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(asked).toEqual(['hooks.example']);
    // The check said public, the name now says loopback: the next delivery resolves anew, refused.
    expect(await pinTarget('https://hooks.example/x', false, resolve)).toMatchObject({ ok: false });
  });

  it("connect to the pinned address, the Host header still the URL's", async () => {
    let seen: IncomingHttpHeaders | undefined;
    const server = createServer((request, response) => {
      seen = request.headers;
      request.resume();
      request.on('end', () => response.end('thanks'));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const port = (server.address() as AddressInfo).port;
      // Resolved once to this machine's receiver, then to an address nothing listens on.
      const { resolve, asked } = rebinding(['127.0.0.1'], ['10.255.255.1']);
      const target = await pinTarget(`http://receiver.invalid:${port}/hook`, true, resolve);
      if (!target.ok) throw new Error(target.reason);
      const answer = await postPinned(target.url, target.addresses, {
        headers: { 'content-type': 'application/json' },
        body: '{}',
        timeoutMs: 5000,
        maxResponseBytes: 512,
      });
      expect(answer).toEqual({ status: 200, response: 'thanks' });
      expect(seen?.host).toBe(`receiver.invalid:${port}`);
      expect(asked).toEqual(['receiver.invalid']);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
