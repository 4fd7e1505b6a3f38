import { Inject, Injectable } from '@nestjs/common';

import { Clock } from '@salesops/calendar';
import { DomainError } from '@salesops/rpc';

import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { RateLimiter } from '../http/rate-limiter';

/**
 * Sign-ins per username, beside those per address: guesses at one account spread over many
 * addresses are limited too. Names that differ only in case count as one.
 */
@Injectable()
export class UsernameLimiter {
  private readonly limiter: RateLimiter;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(Clock) clock: Clock) {
    this.limiter = new RateLimiter(
      config.rateLimits.loginPerUsername,
      config.rateLimits.windowMs,
      () => clock.nowMs(),
    );
  }

  take(username: string): void {
    const wait = this.limiter.take(username.toLowerCase());
    if (wait > 0) throw new DomainError('RATE_LIMITED', undefined, { retryAfterSeconds: wait });
  }
}
