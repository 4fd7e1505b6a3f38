import { Inject, Injectable } from '@nestjs/common';

import { DomainError, type IdentityClaims } from '@salesops/rpc';

import { ApiKeysService } from '../api-keys/api-keys.service';
import type { AuthenticatedRequest } from '../auth/access.guard';
import { IdentityResolver } from '../auth/identity.resolver';
import { SessionsService } from '../auth/sessions.service';

/** What a stream was opened with, to ask again whether it still holds. */
export type StreamCredential =
  | { kind: 'api_key'; key: string }
  | { kind: 'session'; sessionId: string; identity: IdentityClaims };

export function credentialOf(request: AuthenticatedRequest): StreamCredential {
  const key = request.headers['x-api-key'];
  return typeof key === 'string'
    ? { kind: 'api_key', key }
    : { kind: 'session', sessionId: request.sessionId, identity: request.user };
}

/** Refusals that mean the credential no longer holds (anything else is a passing failure). */
const ENDED = new Set(['UNAUTHENTICATED', 'SESSION_ENDED']);

/**
 * Whether an open event stream's caller may still read it, and with which reach: a key not
 * revoked and still given `events:subscribe`, or a session still open (a departure, suspension,
 * lock, transfer or change of roles ends the user's sessions). The answer is the identity to
 * filter by from now on (a team subtree may have changed), `null` when the stream must end, or
 * `undefined` when it could not be told now (ask again later).
 */
@Injectable()
export class StreamAccess {
  constructor(
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(IdentityResolver) private readonly resolver: IdentityResolver,
  ) {}

  async recheck(
    credential: StreamCredential,
    requestId: string,
  ): Promise<IdentityClaims | null | undefined> {
    try {
      let identity: IdentityClaims;
      if (credential.kind === 'api_key') {
        identity = await this.apiKeys.authenticate(credential.key, requestId);
      } else {
        const { caller } = credential.identity;
        await this.sessions.assertActive(credential.sessionId, caller.id);
        identity = await this.resolver.resolve(caller, requestId);
      }
      return identity.permissions.includes('events:subscribe') ? identity : null;
    } catch (error) {
      if (error instanceof DomainError && ENDED.has(error.code)) return null;
      return undefined;
    }
  }

  /** Called when sessions end, here or on another gateway instance. */
  onSessionsEnded(listener: (sessionIds: readonly string[]) => void): () => void {
    return this.sessions.onEnded(listener);
  }
}
