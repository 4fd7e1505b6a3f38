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
  mfaSetupRequestSchema,
  TokenPair,
} from './auth.schemas';
import { type MfaEnrolment, MfaService } from './mfa.service';
import { decoyHash, verifyPassword } from './password-hasher';
import { SessionsService } from './sessions.service';
import { SignInAttempts } from './sign-in-attempts';
import { TokenService } from './token.service';
import { UsernameLimiter } from './username-limiter';
import { UsersRepository } from './users.repository';

@Injectable()
export class AuthService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(SignInAttempts) private readonly attempts: SignInAttempts,
    @Inject(UsernameLimiter) private readonly usernames: UsernameLimiter,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(MfaService) private readonly mfa: MfaService,
  ) {}

  async login(
    credentials: z.output<typeof loginRequestSchema>,
    origin: RequestOrigin,
  ): Promise<LoginResult> {
    this.usernames.take(credentials.username);
    const user = await this.users.findNotDisabledByUsername(credentials.username);
    if (user) await this.attempts.claim(user, origin);
    const valid = await verifyPassword(
      user?.passwordHash ?? (await decoyHash()),
      credentials.password,
    );
    if (!user || !valid) {
      await this.attempts.failed(credentials.username, user, origin, 'password');
      throw new DomainError('INVALID_CREDENTIALS');
    }
    if (!user.active) {
      await this.attempts.release(user);
      throw new DomainError('ACCOUNT_SUSPENDED');
    }
    if (user.mfaEnabledAt) {
      await this.attempts.release(user);
      return { mfaRequired: true, mfaToken: this.tokens.issueMfaToken(user.id, 'verify') };
    }
    if (mfaRequiredFor(user.roles)) {
      await this.attempts.release(user);
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
    this.usernames.take(user.username);
    // A step token from before an enrolment never enrols another secret over it.
    if (purpose === 'enrol' && user.mfaEnabledAt) throw new DomainError('INVALID_MFA_TOKEN');
    await this.attempts.claim(user, origin);
    if (purpose === 'enrol') {
      try {
        await this.mfa.confirmEnrolment(user, body.code, origin.requestId);
      } catch (error) {
        await this.attempts.failed(user.username, user, origin, 'mfa');
        throw error;
      }
    } else if (!(await this.mfa.verify(user, body.code))) {
      await this.attempts.failed(user.username, user, origin, 'mfa');
      throw new DomainError('INVALID_MFA_CODE');
    }
    return this.signIn(user, origin, true);
  }

  /** For a role that must use MFA and has not enrolled: the secret, before the first sign-in. */
  async startRequiredEnrolment(mfaToken: string): Promise<MfaEnrolment> {
    const { purpose, sub } = this.tokens.verifyMfaToken(mfaToken);
    if (purpose !== 'enrol') throw new DomainError('INVALID_MFA_TOKEN');
    const user = await this.mfaUser(sub);
    if (user.mfaEnabledAt) throw new DomainError('MFA_ALREADY_ENROLLED');
    return this.mfa.startEnrolment(user);
  }

  /**
   * A secret for a new device. Once a second factor is on, a session alone (it may be stolen) is
   * not enough: the password and a current code are asked again. The new secret replaces the old
   * one only when a code from it is confirmed (`confirmEnrolment`), and no one else sees it.
   */
  async startEnrolment(
    identity: IdentityClaims,
    proof: z.output<typeof mfaSetupRequestSchema>,
    origin: RequestOrigin,
  ): Promise<MfaEnrolment> {
    const user = await this.activeUser(identity.caller.id);
    if (user.mfaEnabledAt) await this.reauthenticate(user, proof, origin);
    return this.mfa.startEnrolment(user);
  }

  async confirmEnrolment(identity: IdentityClaims, code: string, requestId: string): Promise<void> {
    await this.mfa.confirmEnrolment(await this.activeUser(identity.caller.id), code, requestId);
  }

  async disableMfa(identity: IdentityClaims, code: string, origin: RequestOrigin): Promise<void> {
    const user = await this.activeUser(identity.caller.id);
    if (mfaRequiredFor(user.roles)) throw new DomainError('MFA_REQUIRED');
    await this.attempts.claim(user, origin);
    if (!(await this.mfa.verify(user, code))) {
      await this.attempts.failed(user.username, user, origin, 'mfa');
      throw new DomainError('INVALID_MFA_CODE');
    }
    await this.attempts.release(user);
    await this.mfa.disable(user, origin.requestId);
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
    await this.attempts.succeeded(user, origin);
    const { sessionId, refreshToken } = await this.sessions.open(user.id);
    await this.audit.record('auth.login', {
      actor: user.id,
      subject: user.id,
      requestId: origin.requestId,
      details: { ip: origin.ip, sessionId, mfa },
    });
    return { ...this.accessTokenFor(user, sessionId), refreshToken };
  }

  /** The password and a current code, each counted towards the lockout like a sign-in. */
  private async reauthenticate(
    user: User,
    { password, code }: z.output<typeof mfaSetupRequestSchema>,
    origin: RequestOrigin,
  ): Promise<void> {
    if (password === undefined || code === undefined) {
      const missing = [
        ...(code === undefined ? ['body.code'] : []),
        ...(password === undefined ? ['body.password'] : []),
      ];
      throw new DomainError(
        'VALIDATION_FAILED',
        'A second factor is on: the password and a current code are needed to set up another',
        undefined,
        missing.map((path) => ({ path, message: 'required while a second factor is on' })),
      );
    }
    await this.attempts.claim(user, origin);
    if (!(await verifyPassword(user.passwordHash ?? (await decoyHash()), password))) {
      await this.attempts.failed(user.username, user, origin, 'password');
      throw new DomainError('INVALID_CREDENTIALS');
    }
    if (!(await this.mfa.verify(user, code))) {
      await this.attempts.failed(user.username, user, origin, 'mfa');
      throw new DomainError('INVALID_MFA_CODE');
    }
    await this.attempts.release(user);
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
