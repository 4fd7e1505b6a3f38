import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';

import { CallKeys, deriveCallKey } from './call-keys';
import { backgroundIdentity, type IdentityClaims } from './caller';
import { IdentitySigner, IdentityVerifier } from './signed-identity';

const gateway = generateKeyPairSync('ed25519');
const services = generateKeyPairSync('ed25519');
const user: IdentityClaims = {
  caller: { kind: 'user', id: 'u-1', memberId: null, teamId: null, roles: ['director'] },
  permissions: ['members:read'],
  scope: { kind: 'company', teamIds: [], memberId: null },
};
const itself = backgroundIdentity('members', ['members:depart']);
const GET_ORDER = 'orders.order.get.v1';
const HAND_OVER = 'orders.order.hand-over.v1';

describe('IdentityVerifier', () => {
  const verifier = () => new IdentityVerifier(gateway.publicKey, 'orders', services.publicKey);
  const fromGateway = new IdentitySigner(gateway.privateKey);
  const fromServices = new IdentitySigner(services.privateKey);

  it('tells who vouched for an identity', () => {
    const sut = verifier();
    expect(sut.verify(fromGateway.sign(user, GET_ORDER), GET_ORDER)).toMatchObject({
      ok: true,
      signedBy: 'gateway',
    });
    expect(sut.verify(fromServices.sign(itself, GET_ORDER), GET_ORDER)).toMatchObject({
      ok: true,
      signedBy: 'service',
      claims: { caller: { kind: 'system', id: 'members' } },
    });
  });

  it("refuses a user's identity signed with the services' key", () => {
    expect(verifier().verify(fromServices.sign(user, GET_ORDER), GET_ORDER)).toEqual({
      ok: false,
      reason: 'a service vouched for someone else',
    });
  });

  it("refuses what a service signed where the services' key is not configured", () => {
    const gatewayOnly = new IdentityVerifier(gateway.publicKey, 'orders');
    expect(gatewayOnly.verify(fromServices.sign(itself, GET_ORDER), GET_ORDER)).toEqual({
      ok: false,
      reason: 'forged identity',
    });
  });

  it('refuses an identity sent again (a replay), however soon', () => {
    const sut = verifier();
    const token = fromGateway.sign(user, GET_ORDER);
    expect(sut.verify(token, GET_ORDER)).toMatchObject({ ok: true });
    expect(sut.verify(token, GET_ORDER)).toEqual({ ok: false, reason: 'replayed identity' });
  });

  it('refuses an identity signed for one subject on another subject of the same service', () => {
    const token = fromGateway.sign(user, GET_ORDER);
    expect(verifier().verify(token, HAND_OVER)).toEqual({
      ok: false,
      reason: `identity for ${GET_ORDER}`,
    });
  });

  it('refuses an identity signed for another service', () => {
    const token = fromGateway.sign(user, 'members.member.get.v1');
    expect(verifier().verify(token, GET_ORDER)).toEqual({
      ok: false,
      reason: 'identity for members',
    });
  });

  it('signs every call anew: two calls with the same claims carry different identities', () => {
    expect(fromGateway.sign(user, GET_ORDER)).not.toBe(fromGateway.sign(user, GET_ORDER));
  });

  it('lets an onward service take a forwarded identity once on each of its subjects', () => {
    const sut = verifier();
    const forwarded = fromGateway.sign(user, 'members.member.depart.v1', [
      'members',
      'customers',
      'orders',
    ]);
    expect(sut.verify(forwarded, GET_ORDER)).toMatchObject({ ok: true });
    expect(sut.verify(forwarded, HAND_OVER)).toMatchObject({ ok: true });
    expect(sut.verify(forwarded, HAND_OVER)).toEqual({ ok: false, reason: 'replayed identity' });
  });

  it('refuses a forwarded identity at a service its contract does not name onward', () => {
    const forwarded = fromGateway.sign(user, 'members.member.depart.v1', ['members', 'customers']);
    expect(verifier().verify(forwarded, GET_ORDER)).toEqual({
      ok: false,
      reason: 'identity for members, customers',
    });
  });

  it('refuses an identity whose subject names a service outside its own audience', () => {
    const odd = fromGateway.sign(user, 'members.member.depart.v1', ['orders']);
    expect(verifier().verify(odd, GET_ORDER)).toEqual({
      ok: false,
      reason: 'malformed identity',
    });
  });
});

describe('IdentityVerifier, calls bound to a cached credential', () => {
  const secret = Buffer.alloc(32, 7);
  const ordersKey = deriveCallKey(secret, 'orders');
  const membersKey = deriveCallKey(secret, 'members');
  const verifier = (clockLeewaySeconds = 5) =>
    new IdentityVerifier(gateway.publicKey, 'orders', services.publicKey, {
      callKey: ordersKey,
      clockLeewaySeconds,
    });
  const fromGateway = new IdentitySigner(gateway.privateKey, new CallKeys(secret));
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  /** What a holder of `key` could make of a captured call: a new binding on its credential. */
  const rebind = (token: string, key: Buffer, subject: string) => {
    const [credential, signature] = token.split('.');
    const bound = `${credential}.${signature}.${encode({ sub: subject, jti: randomUUID(), exp: Math.floor(Date.now() / 1000) + 30 })}`;
    return `${bound}.${createHmac('sha256', key).update(bound).digest('base64url')}`;
  };

  afterEach(() => jest.restoreAllMocks());

  it("binds a call to one service with that service's key, and takes it once", () => {
    const sut = verifier();
    const token = fromGateway.sign(user, GET_ORDER);
    expect(token.split('.')).toHaveLength(4);
    expect(sut.verify(token, GET_ORDER)).toEqual({ ok: true, claims: user, signedBy: 'gateway' });
    expect(sut.verify(token, GET_ORDER)).toEqual({ ok: false, reason: 'replayed identity' });
  });

  it('signs the claims once for many calls, and binds every call anew', () => {
    const first = fromGateway.sign(user, GET_ORDER).split('.');
    const second = fromGateway.sign(user, GET_ORDER).split('.');
    expect(second.slice(0, 2)).toEqual(first.slice(0, 2));
    expect(second.slice(2)).not.toEqual(first.slice(2));
    const sut = verifier();
    expect(sut.verify(first.join('.'), GET_ORDER)).toMatchObject({ ok: true });
    expect(sut.verify(second.join('.'), GET_ORDER)).toMatchObject({ ok: true });
  });

  it('refuses a bound call on another subject, or with its binding changed', () => {
    const token = fromGateway.sign(user, GET_ORDER);
    expect(verifier().verify(token, HAND_OVER)).toEqual({
      ok: false,
      reason: `identity for ${GET_ORDER}`,
    });
    const [credential, signature, , mac] = token.split('.');
    const changed = encode({ sub: HAND_OVER, jti: randomUUID(), exp: 2_000_000_000 });
    expect(verifier().verify(`${credential}.${signature}.${changed}.${mac}`, HAND_OVER)).toEqual({
      ok: false,
      reason: 'forged identity',
    });
  });

  it("refuses a call bound for another service: another key, another credential's audience", () => {
    const forMembers = fromGateway.sign(user, 'members.member.get.v1');
    expect(verifier().verify(forMembers, GET_ORDER)).toEqual({
      ok: false,
      reason: 'forged identity',
    });
    // Members holds its own key only: what it re-binds is not bound for orders.
    const capturedAtMembers = rebind(forMembers, membersKey, GET_ORDER);
    expect(verifier().verify(capturedAtMembers, GET_ORDER)).toEqual({
      ok: false,
      reason: 'forged identity',
    });
    // Even with orders' key, a credential signed for members is not one for orders.
    expect(verifier().verify(rebind(forMembers, ordersKey, GET_ORDER), GET_ORDER)).toEqual({
      ok: false,
      reason: 'identity for members',
    });
  });

  it('refuses a credential a service signed for a user, even with a valid call key', () => {
    const fromServices = new IdentitySigner(services.privateKey, new CallKeys(secret));
    expect(verifier().verify(fromServices.sign(user, GET_ORDER), GET_ORDER)).toEqual({
      ok: false,
      reason: 'a service vouched for someone else',
    });
    const forged = new IdentitySigner(
      generateKeyPairSync('ed25519').privateKey,
      new CallKeys(secret),
    );
    expect(verifier().verify(forged.sign(user, GET_ORDER), GET_ORDER)).toEqual({
      ok: false,
      reason: 'forged identity',
    });
  });

  it('refuses bound calls where no call key is configured', () => {
    const withoutKey = new IdentityVerifier(gateway.publicKey, 'orders', services.publicKey);
    expect(withoutKey.verify(fromGateway.sign(user, GET_ORDER), GET_ORDER)).toEqual({
      ok: false,
      reason: 'forged identity',
    });
  });

  describe('forwarded (onward) calls', () => {
    const DEPART = 'members.member.depart.v1';
    const at = (service: string) =>
      new IdentityVerifier(gateway.publicKey, service, services.publicKey, {
        callKey: deriveCallKey(secret, service),
      });
    const forwarded = () => fromGateway.sign(user, DEPART, ['members', 'orders']);
    const macOf = (key: Buffer, token: string) =>
      createHmac('sha256', key).update(token.split('.').slice(0, 3).join('.')).digest('base64url');

    it('binds the call for every service it names, each MAC under that service key', () => {
      const token = forwarded();
      const parts = token.split('.');
      expect(parts).toHaveLength(5);
      expect(parts[3]).toBe(macOf(membersKey, token));
      expect(parts[4]).toBe(macOf(ordersKey, token));
      expect(at('members').verify(token, DEPART)).toEqual({
        ok: true,
        claims: user,
        signedBy: 'gateway',
      });
      expect(at('orders').verify(token, GET_ORDER)).toEqual({
        ok: true,
        claims: user,
        signedBy: 'gateway',
      });
    });

    it('signs the claims once for an audience, apart from those for the called service alone', () => {
      const first = forwarded().split('.');
      const second = forwarded().split('.');
      expect(second.slice(0, 2)).toEqual(first.slice(0, 2));
      expect(second[2]).not.toBe(first[2]);
      const alone = fromGateway.sign(user, 'members.member.get.v1').split('.');
      expect(alone[1]).not.toBe(first[1]);
    });

    it('is taken once on each subject of an onward service, and only on its subject by the first', () => {
      const sut = verifier();
      const token = forwarded();
      expect(sut.verify(token, GET_ORDER)).toMatchObject({ ok: true });
      expect(sut.verify(token, HAND_OVER)).toMatchObject({ ok: true });
      expect(sut.verify(token, HAND_OVER)).toEqual({ ok: false, reason: 'replayed identity' });
      expect(at('members').verify(token, 'members.member.get.v1')).toEqual({
        ok: false,
        reason: `identity for ${DEPART}`,
      });
    });

    it('is refused at a service the contract does not name onward', () => {
      const token = fromGateway.sign(user, DEPART, ['members', 'customers']);
      expect(verifier().verify(token, GET_ORDER)).toEqual({ ok: false, reason: 'forged identity' });
      // Even given orders' MAC in customers' place, the credential names customers there.
      const parts = token.split('.');
      parts[4] = macOf(ordersKey, token);
      expect(verifier().verify(parts.join('.'), GET_ORDER)).toEqual({
        ok: false,
        reason: 'identity for members, customers',
      });
    });

    it('cannot be re-bound by the service it was forwarded through: it holds its own key only', () => {
      const [credential, signature] = forwarded().split('.');
      const binding = encode({
        sub: DEPART,
        jti: randomUUID(),
        exp: Math.floor(Date.now() / 1000) + 30,
      });
      const bound = `${credential}.${signature}.${binding}`;
      const withMembersKey = createHmac('sha256', membersKey).update(bound).digest('base64url');
      // Members puts its MAC in both places: orders finds none of its own.
      expect(verifier().verify(`${bound}.${withMembersKey}.${withMembersKey}`, GET_ORDER)).toEqual({
        ok: false,
        reason: 'forged identity',
      });
    });

    it('refuses a changed binding or credential, a MAC missing or one too many', () => {
      const token = forwarded();
      const [credential, signature, , membersMac, ordersMac] = token.split('.');
      const changed = encode({ sub: DEPART, jti: randomUUID(), exp: 2_000_000_000 });
      expect(
        verifier().verify(
          `${credential}.${signature}.${changed}.${membersMac}.${ordersMac}`,
          GET_ORDER,
        ),
      ).toEqual({ ok: false, reason: 'forged identity' });
      const other = fromGateway
        .sign({ ...user, permissions: ['members:read', 'orders:read'] }, DEPART, [
          'members',
          'orders',
        ])
        .split('.');
      expect(
        verifier().verify(
          `${other[0]}.${other[1]}.${token.split('.')[2]}.${membersMac}.${ordersMac}`,
          GET_ORDER,
        ),
      ).toEqual({ ok: false, reason: 'forged identity' });
      expect(verifier().verify(token.split('.').slice(0, 4).join('.'), GET_ORDER)).toEqual({
        ok: false,
        reason: 'forged identity',
      });
      expect(verifier().verify(`${token}.${ordersMac}`, GET_ORDER)).toEqual({
        ok: false,
        reason: 'malformed identity',
      });
    });

    it('refuses a credential with a forged signature, even with valid MACs', () => {
      const forged = new IdentitySigner(
        generateKeyPairSync('ed25519').privateKey,
        new CallKeys(secret),
      );
      expect(
        verifier().verify(forged.sign(user, DEPART, ['members', 'orders']), GET_ORDER),
      ).toEqual({
        ok: false,
        reason: 'forged identity',
      });
    });

    it('refuses a forwarded identity past its expiry', () => {
      const T = 1_800_000_000_000;
      jest.spyOn(Date, 'now').mockReturnValue(T);
      const token = new IdentitySigner(gateway.privateKey, new CallKeys(secret)).sign(
        user,
        DEPART,
        ['members', 'orders'],
      );
      jest.spyOn(Date, 'now').mockReturnValue(T + 35_000);
      expect(verifier().verify(token, GET_ORDER)).toEqual({
        ok: false,
        reason: 'expired identity',
      });
    });
  });
});

describe('IdentityVerifier, clock leeway', () => {
  const secret = Buffer.alloc(32, 9);
  const T = 1_800_000_000_000;
  const at = (ms: number) => jest.spyOn(Date, 'now').mockReturnValue(ms);
  const verifier = (clockLeewaySeconds?: number) =>
    new IdentityVerifier(gateway.publicKey, 'orders', undefined, {
      callKey: deriveCallKey(secret, 'orders'),
      ...(clockLeewaySeconds === undefined ? {} : { clockLeewaySeconds }),
    });
  const signers = {
    bound: () => new IdentitySigner(gateway.privateKey, new CallKeys(secret)),
    whole: () => new IdentitySigner(gateway.privateKey),
  };

  afterEach(() => jest.restoreAllMocks());

  describe.each(Object.entries(signers))('signed %s', (_, signer) => {
    it('takes an identity up to 5 s past its expiry by default, not later', () => {
      at(T);
      const token = signer().sign(user, GET_ORDER);
      const late = signer().sign(user, GET_ORDER);
      at(T + 34_000);
      expect(verifier().verify(token, GET_ORDER)).toMatchObject({ ok: true });
      at(T + 35_000);
      expect(verifier().verify(late, GET_ORDER)).toEqual({ ok: false, reason: 'expired identity' });
    });

    it('follows the configured leeway (0: expired at its expiry)', () => {
      at(T);
      const token = signer().sign(user, GET_ORDER);
      at(T + 30_000);
      expect(verifier(0).verify(token, GET_ORDER)).toEqual({
        ok: false,
        reason: 'expired identity',
      });
    });

    it('takes an identity from a signer whose clock is ahead within the leeway, not beyond', () => {
      at(T + 5_000);
      const slightlyAhead = signer().sign(user, GET_ORDER);
      at(T + 6_000);
      const tooFarAhead = signer().sign(user, GET_ORDER);
      at(T);
      expect(verifier().verify(slightlyAhead, GET_ORDER)).toMatchObject({ ok: true });
      expect(verifier().verify(tooFarAhead, GET_ORDER)).toEqual({
        ok: false,
        reason: 'identity not yet valid',
      });
    });
  });
});
