import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomUUID,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { z } from 'zod';

import type { CallKeys } from './call-keys';
import { type IdentityClaims, identityClaimsSchema } from './caller';
import { LruCache } from './lru-cache';
import { ReplayGuard } from './replay-guard';

/** What one signature is for: one call to one subject, once, soon. */
const bindingSchema = z.object({
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string()).min(1)]),
  jti: z.string().min(16),
  exp: z.number().int(),
});
type Binding = z.infer<typeof bindingSchema>;

/**
 * Claims vouched for once (Ed25519) for one service, or for a service and those it forwards them
 * to (`onward`), reused by many bound calls.
 */
const credentialSchema = z.object({
  aud: z.union([z.string(), z.array(z.string()).min(2)]),
  exp: z.number().int(),
  claims: identityClaimsSchema,
});

/** Long enough for the slowest contract (15 s) and some clock skew; short enough to remember. */
const LIFETIME_SECONDS = 30;
/** How long one signed credential serves a caller's calls to one service. */
const CREDENTIAL_LIFETIME_SECONDS = 300;
/** Clocks of the gateway and the services may differ this much (IDENTITY_CLOCK_LEEWAY_SECONDS). */
export const DEFAULT_CLOCK_LEEWAY_SECONDS = 5;
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
const mac = (key: Buffer, signed: string) => createHmac('sha256', key).update(signed).digest();

interface Credential {
  /** `<credential>.<signature>`, the first half of every bound call. */
  part: string;
  exp: number;
}

/**
 * Signs the caller's identity for a call. A call whose services' keys the signer holds (the
 * gateway's calls) is `<credential>.<signature>.<binding>.<mac>…`: the claims, the audience (the
 * called service, then any it forwards the identity to) and an expiry signed once (Ed25519) and
 * kept per claims object and audience for five minutes, then, per call, the subject, a single-use
 * id and a 30-second expiry bound to it with HMAC-SHA256, one MAC per service of the audience in
 * its order, each under that service's key (~2 µs each instead of ~50). A forwarding service holds
 * only its own key, so it can pass on the calls it received but bind no new one. Every other call
 * (a service's own background calls, a signer without the keys) is signed whole:
 * `<binding>.<claims>.<signature>`, the binding naming the audience.
 */
export class IdentitySigner {
  private readonly encodedClaims = new WeakMap<IdentityClaims, string>();
  private readonly credentials = new WeakMap<IdentityClaims, Map<string, Credential>>();

  constructor(
    private readonly privateKey: KeyObject,
    private readonly callKeys?: CallKeys,
  ) {}

  sign(
    claims: IdentityClaims,
    subject: string,
    audience: string | string[] = serviceOfSubject(subject),
  ): string {
    const audiences = typeof audience === 'string' ? [audience] : audience;
    if (this.callKeys && audiences[0] === serviceOfSubject(subject)) {
      return this.bind(claims, subject, audiences, this.callKeys);
    }
    return this.signWhole(claims, subject, audience);
  }

  private bind(
    claims: IdentityClaims,
    subject: string,
    audiences: string[],
    callKeys: CallKeys,
  ): string {
    const now = nowSeconds();
    const credential = this.credentialFor(claims, audiences, now);
    const bound = `${credential.part}.${encode({ sub: subject, jti: randomUUID(), exp: now + LIFETIME_SECONDS })}`;
    let token = bound;
    for (const service of audiences) {
      token += `.${mac(callKeys.keyFor(service), bound).toString('base64url')}`;
    }
    return token;
  }

  private credentialFor(claims: IdentityClaims, audiences: string[], now: number): Credential {
    let byAudience = this.credentials.get(claims);
    if (!byAudience) {
      byAudience = new Map();
      this.credentials.set(claims, byAudience);
    }
    const audienceKey = audiences.join(' ');
    const known = byAudience.get(audienceKey);
    // Renewed while a call bound now still expires before it.
    if (known && known.exp - LIFETIME_SECONDS > now) return known;
    const exp = now + CREDENTIAL_LIFETIME_SECONDS;
    const payload = encode({ aud: audiences.length === 1 ? audiences[0] : audiences, exp, claims });
    const signature = sign(null, Buffer.from(payload), this.privateKey).toString('base64url');
    const credential = { part: `${payload}.${signature}`, exp };
    byAudience.set(audienceKey, credential);
    return credential;
  }

  private signWhole(claims: IdentityClaims, subject: string, audience: string | string[]): string {
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

type Signer = 'gateway' | 'service';

interface VerifiedCredential {
  /** The called service first, then those it may forward the identity to. */
  audiences: string[];
  exp: number;
  claims: IdentityClaims;
  signedBy: Signer;
  part: string;
}

export interface IdentityVerifierOptions {
  /** This service's key for bound calls; without it, only calls signed whole are taken. */
  callKey?: Buffer;
  /** How far the signer's clock may be off from ours (expiry and issue times), in seconds. */
  clockLeewaySeconds?: number;
}

/**
 * Verifies identities signed for a subject of this service: by the gateway, or, when a services'
 * key is configured, by a service for itself (only as a `system` caller named after that service).
 * An identity is taken on the subject it was signed for, or, forwarded by an `onward` caller, on
 * any subject of a service in its audience; and once on each (its id is remembered until it
 * expires, so a replay is refused). A bound call's credential is verified once and remembered
 * (bounded); its per-call MAC (the one at this service's place in the credential's audience),
 * subject, expiry and single use are checked on every call.
 */
export class IdentityVerifier {
  private readonly claimsByPart = new Map<string, IdentityClaims>();
  private readonly credentials = new LruCache<string, VerifiedCredential>(CLAIMS_CACHE_LIMIT);
  private readonly seen = new ReplayGuard();
  private readonly callKey: Buffer | undefined;
  private readonly leeway: number;

  constructor(
    private readonly publicKey: KeyObject,
    private readonly audience: string,
    private readonly servicesKey?: KeyObject,
    options: IdentityVerifierOptions = {},
  ) {
    this.callKey = options.callKey;
    this.leeway = options.clockLeewaySeconds ?? DEFAULT_CLOCK_LEEWAY_SECONDS;
  }

  verify(token: string | undefined, subject: string): VerifiedIdentity {
    if (!token) return { ok: false, reason: 'no identity' };
    const parts = token.split('.');
    if (parts.length >= 4) return this.verifyBound(parts, subject);
    if (parts.length !== 3) return { ok: false, reason: 'malformed identity' };
    const [bindingPart, claimsPart, signaturePart] = parts as [string, string, string];
    if (!bindingPart || !claimsPart || !signaturePart) {
      return { ok: false, reason: 'malformed identity' };
    }
    const signedBy = this.signerOf(`${bindingPart}.${claimsPart}`, signaturePart);
    if (!signedBy) return { ok: false, reason: 'forged identity' };
    const binding = bindingSchema.safeParse(decode(bindingPart));
    const claims = this.claimsOf(claimsPart);
    if (!binding.success || !claims) return { ok: false, reason: 'malformed identity' };
    if (signedBy === 'service' && claims.caller.kind !== 'system') {
      return { ok: false, reason: 'a service vouched for someone else' };
    }
    const refused = this.refusal(binding.data, subject);
    if (refused) return { ok: false, reason: refused };
    return this.once(binding.data.jti, subject, binding.data.exp, claims, signedBy);
  }

  private verifyBound(parts: string[], subject: string): VerifiedIdentity {
    if (!this.callKey) return { ok: false, reason: 'forged identity' };
    const [credentialPart, signaturePart, bindingPart] = parts as [string, string, string];
    const expected = mac(this.callKey, `${credentialPart}.${signaturePart}.${bindingPart}`);
    // The MACs follow the audience's order: ours says where we stand in it.
    const position = parts.findIndex((part, index) => index >= 3 && sameMac(part, expected)) - 3;
    if (position < 0) return { ok: false, reason: 'forged identity' };
    const credential = this.credentialOf(credentialPart, signaturePart);
    if (typeof credential === 'string') return { ok: false, reason: credential };
    const { audiences } = credential;
    if (audiences[position] !== this.audience) {
      return { ok: false, reason: `identity for ${audiences.join(', ')}` };
    }
    if (parts.length !== 3 + audiences.length) return { ok: false, reason: 'malformed identity' };
    const binding = decode(bindingPart) as
      | Partial<Record<'sub' | 'jti' | 'exp', unknown>>
      | undefined;
    if (
      typeof binding?.sub !== 'string' ||
      typeof binding.jti !== 'string' ||
      binding.jti.length < 16 ||
      !Number.isInteger(binding.exp) ||
      serviceOfSubject(binding.sub) !== audiences[0]
    ) {
      return { ok: false, reason: 'malformed identity' };
    }
    // Bound for one of ours: only there. Forwarded to us by an onward caller: any of ours.
    if (audiences[0] === this.audience && binding.sub !== subject) {
      return { ok: false, reason: `identity for ${binding.sub}` };
    }
    const now = nowSeconds();
    const exp = binding.exp as number;
    const timing =
      this.timing(exp, now) ?? this.timing(credential.exp, now, CREDENTIAL_LIFETIME_SECONDS);
    if (timing) return { ok: false, reason: timing };
    return this.once(binding.jti, subject, exp, credential.claims, credential.signedBy);
  }

  /** Expired, or issued further ahead than the lifetime allows (a clock too far off), less leeway. */
  private timing(exp: number, now: number, lifetime = LIFETIME_SECONDS): string | undefined {
    if (exp + this.leeway <= now) return 'expired identity';
    if (exp - lifetime - this.leeway > now) return 'identity not yet valid';
    return undefined;
  }

  private once(
    jti: string,
    subject: string,
    exp: number,
    claims: IdentityClaims,
    signedBy: Signer,
  ): VerifiedIdentity {
    if (!this.seen.firstUse(`${jti} ${subject}`, exp + this.leeway, nowSeconds())) {
      return { ok: false, reason: 'replayed identity' };
    }
    return { ok: true, claims, signedBy };
  }

  private signerOf(signed: string, signaturePart: string): Signer | null {
    const data = Buffer.from(signed);
    const signature = Buffer.from(signaturePart, 'base64url');
    if (verify(null, data, this.publicKey, signature)) return 'gateway';
    if (this.servicesKey && verify(null, data, this.servicesKey, signature)) return 'service';
    return null;
  }

  /** A credential is verified (Ed25519) the first time it comes, then remembered; or why not. */
  private credentialOf(credentialPart: string, signaturePart: string): VerifiedCredential | string {
    // Keyed by the signature (86 characters) rather than the whole credential; the credential
    // must then match the one that signature was verified for.
    const known = this.credentials.get(signaturePart);
    if (known) return known.part === credentialPart ? known : 'forged identity';
    const signedBy = this.signerOf(credentialPart, signaturePart);
    if (!signedBy) return 'forged identity';
    const parsed = credentialSchema.safeParse(decode(credentialPart));
    if (!parsed.success) return 'malformed identity';
    if (signedBy === 'service' && parsed.data.claims.caller.kind !== 'system') {
      return 'a service vouched for someone else';
    }
    const { aud, exp, claims } = parsed.data;
    const audiences = typeof aud === 'string' ? [aud] : aud;
    const credential = { audiences, exp, claims, signedBy, part: credentialPart };
    this.credentials.set(signaturePart, credential);
    return credential;
  }

  private refusal(binding: Binding, subject: string): string | undefined {
    const audiences = typeof binding.aud === 'string' ? [binding.aud] : binding.aud;
    if (!audiences.includes(serviceOfSubject(binding.sub))) return 'malformed identity';
    if (!audiences.includes(this.audience)) return `identity for ${audiences.join(', ')}`;
    // Signed for one of ours: only there. Forwarded to us by an onward caller: any of ours.
    if (serviceOfSubject(binding.sub) === this.audience && binding.sub !== subject) {
      return `identity for ${binding.sub}`;
    }
    return this.timing(binding.exp, nowSeconds());
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

function sameMac(part: string, expected: Buffer): boolean {
  const given = Buffer.from(part, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function decode(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
