import { Injectable } from '@nestjs/common';

import type { IdentityClaims } from '@salesops/rpc';

export interface VerifiedToken {
  identity: IdentityClaims;
  sessionId: string;
  /** Until when the entry may be used: the token's expiry, or sooner so scope stays fresh. */
  until: number;
}

const REUSE_MS = 30_000;
const LIMIT = 50_000;

/**
 * Access tokens already verified, with the identity resolved for them. Verifying and resolving
 * cost more than the rest of a request; the session is still checked on every request.
 */
@Injectable()
export class VerifiedTokenCache {
  private readonly entries = new Map<string, VerifiedToken>();

  get(token: string): VerifiedToken | undefined {
    const entry = this.entries.get(token);
    if (entry && entry.until > Date.now()) return entry;
    if (entry) this.entries.delete(token);
    return undefined;
  }

  set(token: string, identity: IdentityClaims, sessionId: string, expiresAtSeconds: number): void {
    if (this.entries.size >= LIMIT) this.entries.clear();
    const until = Math.min(expiresAtSeconds * 1000, Date.now() + REUSE_MS);
    this.entries.set(token, { identity, sessionId, until });
  }
}
