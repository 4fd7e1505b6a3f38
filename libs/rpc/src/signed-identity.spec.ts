import { generateKeyPairSync } from 'node:crypto';

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
