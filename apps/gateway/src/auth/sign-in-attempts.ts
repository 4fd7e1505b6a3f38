import { Inject, Injectable } from '@nestjs/common';

import { Clock } from '@salesops/calendar';
import { DomainError } from '@salesops/rpc';

import { AuditTrail } from '../audit/audit-trail';
import type { User } from '../generated/prisma/client';
import type { RequestOrigin } from '../http/call-context.decorator';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { TypedNames } from './typed-names';

/** Five failed logins in 15 minutes lock the account for 15 minutes (security.md). */
export const LOCKOUT = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export type Factor = 'password' | 'mfa';

/**
 * The lockout. Each try of a user's password or code is counted as a failure before it is checked
 * (`claim`), so guesses sent in parallel cannot all be checked before the lock: the sixth is
 * refused unchecked. A right answer gives its claim back.
 */
@Injectable()
export class SignInAttempts {
  constructor(
    @Inject(LoginAttemptsRepository) private readonly attempts: LoginAttemptsRepository,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(TypedNames) private readonly typedNames: TypedNames,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Throws ACCOUNT_LOCKED, unchecked, when the account is locked or its tries are spent. */
  async claim(user: User, origin: RequestOrigin): Promise<void> {
    const now = this.clock.now();
    const claimed = await this.attempts.claim(
      user.id,
      now,
      new Date(now.getTime() - LOCKOUT.windowMs),
    );
    if (!claimed) throw new DomainError('INVALID_CREDENTIALS');
    const locked = claimed.lockedUntil !== null && claimed.lockedUntil > now;
    if (!locked && claimed.failures <= LOCKOUT.failures) return;
    await this.attempts.record(user.username, origin.ip, false);
    await this.audit.record('auth.login.refused', {
      actor: user.id,
      subject: user.id,
      requestId: origin.requestId,
      details: { username: user.username, ip: origin.ip, reason: 'locked' },
    });
    const until = locked
      ? (claimed.lockedUntil as Date)
      : new Date(claimed.since.getTime() + LOCKOUT.windowMs);
    throw new DomainError('ACCOUNT_LOCKED', undefined, {
      retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)),
    });
  }

  /** A wrong password or code: it stays counted, and the fifth locks the account it names. */
  async failed(
    typed: string,
    user: User | null,
    origin: RequestOrigin,
    factor: Factor,
  ): Promise<void> {
    const { ip, requestId } = origin;
    const name = user ? user.username : this.typedNames.keyedHash(typed);
    await this.attempts.record(name, ip, false);
    const now = this.clock.now();
    if (
      user &&
      (await this.attempts.lockIfSpent(
        user.id,
        LOCKOUT.failures,
        now,
        new Date(now.getTime() + LOCKOUT.lockMs),
      ))
    ) {
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
      details: user ? { username: name, ip, factor } : { usernameHash: name, ip, factor },
    });
  }

  /** A right password that still awaits its second factor. */
  release(user: User): Promise<void> {
    return this.attempts.release(user.id);
  }

  async succeeded(user: User, origin: RequestOrigin): Promise<void> {
    await this.attempts.reset(user.id);
    await this.attempts.record(user.username, origin.ip, true);
  }
}
