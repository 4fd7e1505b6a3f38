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

describe('IdentityVerifier', () => {
  const verifier = new IdentityVerifier(gateway.publicKey, 'orders', services.publicKey);
  const fromGateway = new IdentitySigner(gateway.privateKey);
  const fromServices = new IdentitySigner(services.privateKey);

  it('tells who vouched for an identity', () => {
    expect(verifier.verify(fromGateway.sign(user, 'orders'))).toMatchObject({
      ok: true,
      signedBy: 'gateway',
    });
    expect(verifier.verify(fromServices.sign(itself, 'orders'))).toMatchObject({
      ok: true,
      signedBy: 'service',
      claims: { caller: { kind: 'system', id: 'members' } },
    });
  });

  it("refuses a user's identity signed with the services' key", () => {
    expect(verifier.verify(fromServices.sign(user, 'orders'))).toEqual({
      ok: false,
      reason: 'a service vouched for someone else',
    });
  });

  it("refuses what a service signed where the services' key is not configured", () => {
    const gatewayOnly = new IdentityVerifier(gateway.publicKey, 'orders');
    expect(gatewayOnly.verify(fromServices.sign(itself, 'orders'))).toEqual({
      ok: false,
      reason: 'forged identity',
    });
  });

  it('reuses a signature for the same claims and audience, and signs anew for another audience', () => {
    const signer = new IdentitySigner(gateway.privateKey);
    const first = signer.sign(user, 'orders');
    expect(signer.sign(user, 'orders')).toBe(first);
    expect(signer.sign({ ...user }, 'orders')).toBe(first);
    const forMembers = signer.sign(user, 'members');
    expect(forMembers).not.toBe(first);
    expect(new IdentityVerifier(gateway.publicKey, 'members').verify(forMembers)).toMatchObject({
      ok: true,
    });
  });
});
