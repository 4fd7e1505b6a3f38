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

  it('still signs a forwarded (onward) identity whole, for every service it names', () => {
    const forwarded = fromGateway.sign(user, 'members.member.depart.v1', ['members', 'orders']);
    expect(forwarded.split('.')).toHaveLength(3);
    expect(verifier().verify(forwarded, GET_ORDER)).toMatchObject({ ok: true });
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
