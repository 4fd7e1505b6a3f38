import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';

import { mfaRequiredFor, type Role, roleSchema } from '@salesops/policy';
import { DomainError, type IdentityClaims } from '@salesops/rpc';

import { AuditTrail } from '../audit/audit-trail';
import type { RequestOrigin } from '../http/call-context.decorator';
import type { User } from '../generated/prisma/client';
import type {
  LoginResult,
  loginRequestSchema,
  meSchema,
  mfaRequestSchema,
  TokenPair,
} from './auth.schemas';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { type MfaEnrolment, MfaService } from './mfa.service';
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
    @Inject(MfaService) private readonly mfa: MfaService,
  ) {}

  async login(
    credentials: z.output<typeof loginRequestSchema>,
    origin: RequestOrigin,
  ): Promise<LoginResult> {
    const user = await this.users.findActiveByUsername(credentials.username);
    if (user) await this.refuseIfLocked(user, origin);
    const valid = await verifyPassword(
      user?.passwordHash ?? (await decoyHash()),
      credentials.password,
    );
    if (!user || !valid) {
      await this.recordFailure(credentials.username, user, origin, 'password');
      throw new DomainError('INVALID_CREDENTIALS');
    }
    if (user.mfaEnabledAt) {
      return { mfaRequired: true, mfaToken: this.tokens.issueMfaToken(user.id, 'verify') };
    }
    if (mfaRequiredFor(user.roles)) {
      return { mfaEnrolmentRequired: true, mfaToken: this.tokens.issueMfaToken(user.id, 'enrol') };
    }
    return this.signIn(user, origin, false);
  }

  /** The second step of a login: a code of the user's authenticator, or of the one being enrolled. */
  async completeMfa(
    body: z.output<typeof mfaRequestSchema>,
    origin: RequestOrigin,
  ): Promise<TokenPair> {
    const { purpose, sub } = this.tokens.verifyMfaToken(body.mfaToken);
    const user = await this.mfaUser(sub);
    await this.refuseIfLocked(user, origin);
    if (purpose === 'enrol') {
      try {
        await this.mfa.confirmEnrolment(user, body.code, origin.requestId);
      } catch (error) {
        await this.recordFailure(user.username, user, origin, 'mfa');
        throw error;
      }
    } else if (!(await this.mfa.verify(user, body.code))) {
      await this.recordFailure(user.username, user, origin, 'mfa');
      throw new DomainError('INVALID_MFA_CODE');
    }
    return this.signIn(user, origin, true);
  }

  /** For a role that must use MFA and has not enrolled: the secret, before the first sign-in. */
  async startRequiredEnrolment(mfaToken: string): Promise<MfaEnrolment> {
    const { purpose, sub } = this.tokens.verifyMfaToken(mfaToken);
    if (purpose !== 'enrol') throw new DomainError('INVALID_MFA_TOKEN');
    return this.mfa.startEnrolment(await this.mfaUser(sub));
  }

  async startEnrolment(identity: IdentityClaims): Promise<MfaEnrolment> {
    return this.mfa.startEnrolment(await this.activeUser(identity.caller.id));
  }

  async confirmEnrolment(identity: IdentityClaims, code: string, requestId: string): Promise<void> {
    await this.mfa.confirmEnrolment(await this.activeUser(identity.caller.id), code, requestId);
  }

  async disableMfa(identity: IdentityClaims, code: string, requestId: string): Promise<void> {
    await this.mfa.disable(await this.activeUser(identity.caller.id), code, requestId);
  }

  async refresh(refreshToken: string, requestId: string): Promise<TokenPair> {
    const rotated = await this.sessions.rotate(refreshToken, requestId);
    const user = await this.users.findActiveById(rotated.session.userId);
    if (!user) {
      await this.sessions.end([rotated.session.id], 'user inactive');
      throw new DomainError('SESSION_ENDED');
    }
    return { ...this.accessTokenFor(user, rotated.session.id), refreshToken: rotated.refreshToken };
  }

  async logout(sessionId: string, identity: IdentityClaims, requestId: string): Promise<void> {
    await this.sessions.end([sessionId], 'logout');
    await this.audit.record('auth.logout', {
      actor: identity.caller.id,
      subject: identity.caller.id,
      requestId,
      details: { sessionId },
    });
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

  private async signIn(user: User, origin: RequestOrigin, mfa: boolean): Promise<TokenPair> {
    await this.attempts.record(user.username, origin.ip, true);
    const { sessionId, refreshToken } = await this.sessions.open(user.id);
    await this.audit.record('auth.login', {
      actor: user.id,
      subject: user.id,
      requestId: origin.requestId,
      details: { ip: origin.ip, sessionId, mfa },
    });
    return { ...this.accessTokenFor(user, sessionId), refreshToken };
  }

  private async refuseIfLocked(user: User, origin: RequestOrigin): Promise<void> {
    if (!user.lockedUntil || user.lockedUntil <= new Date()) return;
    await this.attempts.record(user.username, origin.ip, false);
    await this.audit.record('auth.login.refused', {
      actor: user.id,
      subject: user.id,
      requestId: origin.requestId,
      details: { username: user.username, ip: origin.ip, reason: 'locked' },
    });
    throw new DomainError('ACCOUNT_LOCKED', undefined, {
      retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000),
    });
  }

  /** A wrong password or code counts towards the lockout of the account it names. */
  private async recordFailure(
    username: string,
    user: User | null,
    origin: RequestOrigin,
    factor: 'password' | 'mfa',
  ): Promise<void> {
    const { ip, requestId } = origin;
    await this.attempts.record(username, ip, false);
    const since = new Date(Date.now() - LOCKOUT.windowMs);
    if (user && (await this.attempts.failuresSince(username, since)) >= LOCKOUT.failures) {
      await this.attempts.lock(username, new Date(Date.now() + LOCKOUT.lockMs));
      await this.audit.record('auth.account.locked', {
        actor: null,
        subject: user.id,
        requestId,
        details: { ip },
      });
    }
    await this.audit.record('auth.login.failed', {
      actor: null,
      requestId,
      subject: user?.id ?? null,
      details: { username, ip, factor },
    });
  }

  private async mfaUser(userId: string): Promise<User> {
    const user = await this.users.findActiveById(userId);
    if (!user) throw new DomainError('INVALID_MFA_TOKEN');
    return user;
  }

  private async activeUser(id: string): Promise<User> {
    const user = await this.users.findActiveById(id);
    if (!user) throw new DomainError('SESSION_ENDED');
    return user;
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
