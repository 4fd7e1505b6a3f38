import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';

import { roleOfPosition } from '@salesops/policy';
import { DomainError } from '@salesops/rpc';
import { LOGGER, NATS_CONNECTION } from '@salesops/service-runtime';
import { type Work } from '@salesops/persistence';

import { AuditTrail } from '../audit/audit-trail';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import type { Session } from '../generated/prisma/client';
import { SessionsRepository } from './sessions.repository';

/** Gateway instances tell each other of ended sessions, so each refuses them at once. */
const SESSION_ENDED_SUBJECT = 'salesops.gateway.session.ended';
const TOUCH_EVERY_MS = 60_000;

interface KnownSession {
  userId: string;
  expiresAt: number;
  lastSeenAt: number;
  checkedAt: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const newRefreshToken = () => randomBytes(32).toString('base64url');

/**
 * Sessions: an absolute lifetime, an idle timeout, rotating single-use refresh tokens (a reused
 * one ends the session), and revocation that every gateway instance honours on the next request.
 */
@Injectable()
export class SessionsService implements OnModuleInit, OnModuleDestroy {
  private readonly known = new Map<string, KnownSession>();
  private readonly endedListeners = new Set<(sessionIds: readonly string[]) => void>();
  private subscription?: Subscription;

  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  onModuleInit(): void {
    this.subscription = this.nats.subscribe(SESSION_ENDED_SUBJECT, {
      callback: (error, message) => {
        if (error) return;
        const ended = message.json<string[]>();
        for (const id of ended) this.known.delete(id);
        for (const listener of this.endedListeners) listener(ended);
      },
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  async open(userId: string): Promise<{ sessionId: string; refreshToken: string }> {
    const refreshToken = newRefreshToken();
    const session = await this.sessions.create(
      userId,
      new Date(Date.now() + this.config.session.absoluteMs),
      hashToken(refreshToken),
    );
    return { sessionId: session.id, refreshToken };
  }

  /** Throws SESSION_ENDED unless the session is open, within its lifetimes, and the user's. */
  async assertActive(sessionId: string, userId: string): Promise<void> {
    const now = Date.now();
    let known = this.known.get(sessionId);
    if (!known || now - known.checkedAt > this.config.credentialRecheckMs) {
      const session = await this.sessions.findById(sessionId);
      if (!session || session.revokedAt) {
        this.known.delete(sessionId);
        throw new DomainError('SESSION_ENDED');
      }
      known = this.remember(session, now);
    }
    if (known.userId !== userId || !this.withinLifetimes(known, now)) {
      throw new DomainError('SESSION_ENDED');
    }
    if (now - known.lastSeenAt > TOUCH_EVERY_MS) {
      known.lastSeenAt = now;
      this.sessions.touch(sessionId).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not record session activity');
      });
    }
  }

  /** Exchanges a refresh token for its successor; a token used before ends its session. */
  async rotate(
    refreshToken: string,
    requestId: string,
  ): Promise<{ session: Session; refreshToken: string }> {
    const next = newRefreshToken();
    const { outcome, session } = await this.sessions.rotate(
      hashToken(refreshToken),
      hashToken(next),
    );
    if (outcome === 'reused' && session) {
      await this.end([session.id], 'refresh token reused');
      await this.audit.record('auth.refresh.reused', {
        actor: null,
        requestId,
        subject: session.userId,
        details: { sessionId: session.id },
      });
      this.logger.warn(
        { sessionId: session.id },
        'a used refresh token was presented: session ended',
      );
    }
    if (outcome !== 'rotated' || !session) throw new DomainError('INVALID_REFRESH_TOKEN');
    if (
      session.revokedAt ||
      !this.withinLifetimes(this.remember(session, Date.now()), Date.now())
    ) {
      throw new DomainError('SESSION_ENDED');
    }
    return { session, refreshToken: next };
  }

  async end(sessionIds: string[], reason: string): Promise<void> {
    await Promise.all(sessionIds.map((id) => this.sessions.revoke(id, reason)));
    this.forget(sessionIds);
  }

  /** Ends every session of a member's users at once, e.g. on departure or suspension. */
  async endForMember(memberId: string, reason: string, work: Work): Promise<void> {
    this.forget(await this.sessions.revokeForMember(memberId, reason, work));
  }

  /** A departed member's users are disabled for good; returns their ids. */
  async disableForMember(memberId: string, work: Work): Promise<string[]> {
    this.forget(await this.sessions.revokeForMember(memberId, 'member departed', work));
    return this.sessions.disableUsersOfMember(memberId, work);
  }

  /** Ends every session of one user at once (disabled, reset, roles changed). */
  async endForUser(userId: string, reason: string): Promise<void> {
    this.forget(await this.sessions.endSessionsOfUser(userId, reason));
  }

  /**
   * A member's user follows their team and position (the role is the position): their sessions end,
   * so the next sign-in carries the new role and reach.
   */
  async placeMember(memberId: string, teamId: string, position: string, work: Work): Promise<void> {
    const role = roleOfPosition(position);
    await this.sessions.placeUsersOfMember(memberId, teamId, role ? [role] : [], work);
    this.forget(await this.sessions.endSessionsOfMember(memberId, 'member transferred', work));
  }

  /** A suspended member who is reinstated may sign in again. */
  async reinstateMember(memberId: string, work: Work): Promise<void> {
    await this.sessions.reactivateForMember(memberId, work);
  }

  /** Called with the ids of sessions ended here or on another instance; returns an unsubscribe. */
  onEnded(listener: (sessionIds: readonly string[]) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  private forget(sessionIds: string[]): void {
    for (const id of sessionIds) this.known.delete(id);
    if (sessionIds.length > 0) this.nats.publish(SESSION_ENDED_SUBJECT, JSON.stringify(sessionIds));
  }

  private remember(session: Session, now: number): KnownSession {
    const known = {
      userId: session.userId,
      expiresAt: session.expiresAt.getTime(),
      lastSeenAt: session.lastSeenAt.getTime(),
      checkedAt: now,
    };
    this.known.set(session.id, known);
    return known;
  }

  private withinLifetimes(known: KnownSession, now: number): boolean {
    return known.expiresAt > now && now - known.lastSeenAt < this.config.session.idleMs;
  }
}
