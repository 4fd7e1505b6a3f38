import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import { z } from 'zod';

import { type IdentityClaims, identityClaimsSchema } from './caller';
import { ReplayGuard } from './replay-guard';

/** What one signature is for: one call to one subject, once, soon. */
const bindingSchema = z.object({
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string()).min(1)]),
  jti: z.string().min(16),
  exp: z.number().int(),
});
type Binding = z.infer<typeof bindingSchema>;

/** Long enough for the slowest contract (15 s) and some clock skew; short enough to remember. */
const LIFETIME_SECONDS = 30;
const CLAIMS_CACHE_LIMIT = 10_000;

export function privateKeyFromBase64(value: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
}

export function publicKeyFromBase64(value: string): KeyObject {
  return createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const serviceOfSubject = (subject: string) => subject.slice(0, subject.indexOf('.'));
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Signs the caller's identity for one call (Ed25519): `<binding>.<claims>.<signature>`, the
 * binding naming the subject, the audience (the subject's service and the contract's `onward`
 * services), a single-use id and a 30-second expiry. Every call is signed anew (~50 µs with
 * node:crypto); what repeats, the encoded claims, is kept per claims object (the gateway keeps one
 * per verified access token; claims are never changed once made).
 */
export class IdentitySigner {
  private readonly encodedClaims = new WeakMap<IdentityClaims, string>();

  constructor(private readonly privateKey: KeyObject) {}

  sign(
    claims: IdentityClaims,
    subject: string,
    audience: string | string[] = serviceOfSubject(subject),
  ): string {
    let claimsPart = this.encodedClaims.get(claims);
    if (claimsPart === undefined) {
      claimsPart = encode(claims);
      this.encodedClaims.set(claims, claimsPart);
    }
    const binding: Binding = {
      sub: subject,
      aud: audience,
      jti: randomUUID(),
      exp: nowSeconds() + LIFETIME_SECONDS,
    };
    const signed = `${encode(binding)}.${claimsPart}`;
    return `${signed}.${sign(null, Buffer.from(signed), this.privateKey).toString('base64url')}`;
  }
}

export type VerifiedIdentity =
  | { ok: true; claims: IdentityClaims; signedBy: 'gateway' | 'service' }
  | { ok: false; reason: string };

/**
 * Verifies identities signed for a subject of this service: by the gateway, or, when a services'
 * key is configured, by a service for itself (only as a `system` caller named after that service).
 * An identity is taken on the subject it was signed for, or, forwarded by an `onward` caller, on
 * any subject of a service in its audience; and once on each (its id is remembered until it
 * expires, so a replay is refused).
 */
export class IdentityVerifier {
  private readonly claimsByPart = new Map<string, IdentityClaims>();
  private readonly seen = new ReplayGuard();

  constructor(
    private readonly publicKey: KeyObject,
    private readonly audience: string,
    private readonly servicesKey?: KeyObject,
  ) {}

  verify(token: string | undefined, subject: string): VerifiedIdentity {
    if (!token) return { ok: false, reason: 'no identity' };
    const [bindingPart, claimsPart, signaturePart, extra] = token.split('.');
    if (!bindingPart || !claimsPart || !signaturePart || extra !== undefined)
      return { ok: false, reason: 'malformed identity' };
    const signed = Buffer.from(`${bindingPart}.${claimsPart}`);
    const signature = Buffer.from(signaturePart, 'base64url');
    const signedBy = verify(null, signed, this.publicKey, signature)
      ? 'gateway'
      : this.servicesKey && verify(null, signed, this.servicesKey, signature)
        ? 'service'
        : null;
    if (!signedBy) return { ok: false, reason: 'forged identity' };
    const binding = bindingSchema.safeParse(decode(bindingPart));
    const claims = this.claimsOf(claimsPart);
    if (!binding.success || !claims) return { ok: false, reason: 'malformed identity' };
    if (signedBy === 'service' && claims.caller.kind !== 'system') {
      return { ok: false, reason: 'a service vouched for someone else' };
    }
    const refused = this.refusal(binding.data, subject);
    if (refused) return { ok: false, reason: refused };
    if (!this.seen.firstUse(`${binding.data.jti} ${subject}`, binding.data.exp, nowSeconds())) {
      return { ok: false, reason: 'replayed identity' };
    }
    return { ok: true, claims, signedBy };
  }

  private refusal(binding: Binding, subject: string): string | undefined {
    const audiences = typeof binding.aud === 'string' ? [binding.aud] : binding.aud;
    if (!audiences.includes(serviceOfSubject(binding.sub))) return 'malformed identity';
    if (!audiences.includes(this.audience)) return `identity for ${audiences.join(', ')}`;
    // Signed for one of ours: only there. Forwarded to us by an onward caller: any of ours.
    if (serviceOfSubject(binding.sub) === this.audience && binding.sub !== subject) {
      return `identity for ${binding.sub}`;
    }
    if (binding.exp <= nowSeconds()) return 'expired identity';
    return undefined;
  }

  /** The same claims come with every call of a session: parsed once. */
  private claimsOf(part: string): IdentityClaims | undefined {
    const known = this.claimsByPart.get(part);
    if (known) return known;
    const parsed = identityClaimsSchema.safeParse(decode(part));
    if (!parsed.success) return undefined;
    if (this.claimsByPart.size >= CLAIMS_CACHE_LIMIT) this.claimsByPart.clear();
    this.claimsByPart.set(part, parsed.data);
    return parsed.data;
  }
}

function decode(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
