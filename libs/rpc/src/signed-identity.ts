import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { z } from 'zod';

import { type IdentityClaims, identityClaimsSchema } from './caller';

const envelopeSchema = identityClaimsSchema.extend({
  aud: z.union([z.string(), z.array(z.string()).min(1)]),
  exp: z.number().int(),
});
type SignedClaims = z.infer<typeof envelopeSchema>;

const LIFETIME_SECONDS = 120;
const REUSE_MARGIN_SECONDS = 30;
const CACHE_LIMIT = 10_000;

export function privateKeyFromBase64(value: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
}

export function publicKeyFromBase64(value: string): KeyObject {
  return createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Signs the caller's identity for one service (Ed25519, two-minute lifetime). A signature costs
 * ~0.1 ms, so a signed identity is reused for the same claims and audience while it has time left:
 * found by the claims object itself (the gateway keeps one per verified access token; claims are
 * never changed once made), else by their content.
 */
export class IdentitySigner {
  private readonly byContent = new Map<string, Signed>();
  private readonly byClaims = new WeakMap<IdentityClaims, Map<string, Signed>>();

  constructor(private readonly privateKey: KeyObject) {}

  sign(claims: IdentityClaims, audience: string | string[]): string {
    const now = nowSeconds();
    const audienceKey = String(audience);
    let ofClaims = this.byClaims.get(claims);
    const known = ofClaims?.get(audienceKey);
    if (known && known.exp - REUSE_MARGIN_SECONDS > now) return known.token;
    const contentKey = `${audienceKey}\u0000${JSON.stringify(claims)}`;
    let signed = this.byContent.get(contentKey);
    if (!signed || signed.exp - REUSE_MARGIN_SECONDS <= now) {
      const exp = now + LIFETIME_SECONDS;
      const payload = Buffer.from(
        JSON.stringify({ ...claims, aud: audience, exp } satisfies SignedClaims),
      );
      const signature = sign(null, payload, this.privateKey).toString('base64url');
      signed = { token: `${payload.toString('base64url')}.${signature}`, exp };
      if (this.byContent.size >= CACHE_LIMIT) this.byContent.clear();
      this.byContent.set(contentKey, signed);
    }
    if (!ofClaims) this.byClaims.set(claims, (ofClaims = new Map<string, Signed>()));
    ofClaims.set(audienceKey, signed);
    return signed.token;
  }
}

interface Signed {
  token: string;
  exp: number;
}

export type VerifiedIdentity =
  | { ok: true; claims: IdentityClaims; signedBy: 'gateway' | 'service' }
  | { ok: false; reason: string };

/**
 * Verifies identities signed for this service: by the gateway, or, when a services' key is
 * configured, by a service for itself (only as a `system` caller named after that service). A
 * verification costs ~0.4 ms, so a verified token is remembered until it expires.
 */
export class IdentityVerifier {
  private readonly verified = new Map<string, SignedClaims & { signedBy: 'gateway' | 'service' }>();

  constructor(
    private readonly publicKey: KeyObject,
    private readonly audience: string,
    private readonly servicesKey?: KeyObject,
  ) {}

  verify(token: string | undefined): VerifiedIdentity {
    if (!token) return { ok: false, reason: 'no identity' };
    const now = nowSeconds();
    const known = this.verified.get(token);
    if (known) {
      if (known.exp > now) return { ok: true, claims: known, signedBy: known.signedBy };
      this.verified.delete(token);
      return { ok: false, reason: 'expired identity' };
    }
    const [payloadPart, signaturePart, extra] = token.split('.');
    if (!payloadPart || !signaturePart || extra !== undefined)
      return { ok: false, reason: 'malformed identity' };
    const payload = Buffer.from(payloadPart, 'base64url');
    const signature = Buffer.from(signaturePart, 'base64url');
    const signedBy = verify(null, payload, this.publicKey, signature)
      ? 'gateway'
      : this.servicesKey && verify(null, payload, this.servicesKey, signature)
        ? 'service'
        : null;
    if (!signedBy) return { ok: false, reason: 'forged identity' };
    const parsed = envelopeSchema.safeParse(safeJson(payload));
    if (!parsed.success) return { ok: false, reason: 'malformed identity' };
    if (signedBy === 'service' && parsed.data.caller.kind !== 'system') {
      return { ok: false, reason: 'a service vouched for someone else' };
    }
    const audiences = typeof parsed.data.aud === 'string' ? [parsed.data.aud] : parsed.data.aud;
    if (!audiences.includes(this.audience))
      return { ok: false, reason: `identity for ${audiences.join(', ')}` };
    if (parsed.data.exp <= now) return { ok: false, reason: 'expired identity' };
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, { ...parsed.data, signedBy });
    return { ok: true, claims: parsed.data, signedBy };
  }
}

function safeJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
}
