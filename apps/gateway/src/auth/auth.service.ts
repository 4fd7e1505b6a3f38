import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';

import { type Role, roleSchema } from '@salesops/policy';
import { DomainError, type IdentityClaims } from '@salesops/rpc';

import { AuditTrail } from '../audit/audit-trail';
import type { User } from '../generated/prisma/client';
import type { loginRequestSchema, meSchema, TokenPair } from './auth.schemas';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { decoyHash, verifyPassword } from './password-hasher';
import { SessionsService } from './sessions.service';
import { TokenService } from './token.service';
import { UsersRepository } from './users.repository';

const LOCKOUT = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

@Injectable()
export class AuthService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(LoginAttemptsRepository) private readonly attempts: LoginAttemptsRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async login(credentials: z.output<typeof loginRequestSchema>, ip: string): Promise<TokenPair> {
    const since = new Date(Date.now() - LOCKOUT.windowMs);
    const user = await this.users.findActiveByUsername(credentials.username);
    if (user?.lockedUntil && user.lockedUntil > new Date()) {
      await this.attempts.record(credentials.username, ip, false);
      await this.audit.record('auth.login.refused', {
        actor: user.id,
        subject: user.id,
        details: { username: credentials.username, ip, reason: 'locked' },
      });
      throw new DomainError('ACCOUNT_LOCKED', undefined, {
        retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000),
      });
    }
    const valid = await verifyPassword(
      user?.passwordHash ?? (await decoyHash()),
      credentials.password,
    );
    await this.attempts.record(credentials.username, ip, Boolean(user && valid));
    if (!user || !valid) {
      if (
        user &&
        (await this.attempts.failuresSince(credentials.username, since)) >= LOCKOUT.failures
      ) {
        await this.attempts.lock(credentials.username, new Date(Date.now() + LOCKOUT.lockMs));
        await this.audit.record('auth.account.locked', { subject: user.id, details: { ip } });
      }
      await this.audit.record('auth.login.failed', {
        subject: user?.id ?? null,
        details: { username: credentials.username, ip },
      });
      throw new DomainError('INVALID_CREDENTIALS');
    }
    const { sessionId, refreshToken } = await this.sessions.open(user.id);
    await this.audit.record('auth.login', {
      actor: user.id,
      subject: user.id,
      details: { ip, sessionId },
    });
    return { ...this.accessTokenFor(user, sessionId), refreshToken };
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const rotated = await this.sessions.rotate(refreshToken);
    const user = await this.users.findActiveById(rotated.session.userId);
    if (!user) {
      await this.sessions.end([rotated.session.id], 'user inactive');
      throw new DomainError('SESSION_ENDED');
    }
    return { ...this.accessTokenFor(user, rotated.session.id), refreshToken: rotated.refreshToken };
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.end([sessionId], 'logout');
    await this.audit.record('auth.logout', { details: { sessionId } });
  }

  me(identity: IdentityClaims): z.output<typeof meSchema> {
    const { caller, permissions, scope } = identity;
    return {
      userId: caller.id,
      memberId: caller.memberId,
      teamId: caller.teamId,
      roles: caller.roles,
      permissions,
      scope,
    };
  }

  private accessTokenFor(user: User, sessionId: string) {
    const issued = this.tokens.issueAccessToken(
      {
        kind: 'user',
        id: user.id,
        memberId: user.memberId,
        teamId: user.teamId,
        roles: rolesOf(user.roles),
      },
      sessionId,
    );
    return { ...issued, tokenType: 'Bearer' as const };
  }
}

function rolesOf(stored: string[]): Role[] {
  return stored.flatMap((role) => {
    const parsed = roleSchema.safeParse(role);
    return parsed.success ? [parsed.data] : [];
  });
}
