import { Inject, Injectable } from '@nestjs/common';

import { Clock } from '@salesops/calendar';
import { mfaRequiredFor } from '@salesops/policy';
import { DomainError } from '@salesops/rpc';
import { matchTotp, newTotpSecret, otpauthUri } from '@salesops/totp';

import { AuditTrail } from '../audit/audit-trail';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import type { User } from '../generated/prisma/client';
import { mfaSecretPlace } from './mfa-secret-place';
import { UsersRepository } from './users.repository';

export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
}

/**
 * Time-based one-time codes (RFC 6238) as the second factor. Secrets are sealed at rest with the
 * MFA key ring; each code is accepted once.
 */
@Injectable()
export class MfaService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** A new secret to add to an authenticator app; it is used once a code from it is confirmed. */
  async startEnrolment(user: User): Promise<MfaEnrolment> {
    const secret = newTotpSecret();
    await this.users.setPendingMfaSecret(
      user.id,
      this.config.mfaCipher.encrypt(secret, mfaSecretPlace(user.id)),
    );
    return { secret, otpauthUri: otpauthUri(secret, user.username, this.config.jwt.issuer) };
  }

  async confirmEnrolment(user: User, code: string, requestId: string): Promise<void> {
    if (!user.mfaPendingSecret) throw new DomainError('MFA_NOT_STARTED');
    const step = matchTotp(
      this.config.mfaCipher.decrypt(user.mfaPendingSecret, mfaSecretPlace(user.id)),
      code,
      this.clock.nowMs(),
    );
    if (step === null || !(await this.users.enableMfa(user.id, user.mfaPendingSecret, step))) {
      throw new DomainError('INVALID_MFA_CODE');
    }
    await this.audit.record('auth.mfa.enabled', { actor: user.id, subject: user.id, requestId });
  }

  /** True when the code is right for now and was not used before. */
  async verify(user: User, code: string): Promise<boolean> {
    if (!user.mfaSecret) return false;
    const step = matchTotp(
      this.config.mfaCipher.decrypt(user.mfaSecret, mfaSecretPlace(user.id)),
      code,
      this.clock.nowMs(),
    );
    return step !== null && (await this.users.acceptMfaStep(user.id, step));
  }

  /** After a code of the user's was verified (and counted). */
  async disable(user: User, requestId: string): Promise<void> {
    if (mfaRequiredFor(user.roles)) throw new DomainError('MFA_REQUIRED');
    await this.users.disableMfa(user.id);
    await this.audit.record('auth.mfa.disabled', { actor: user.id, subject: user.id, requestId });
  }
}
