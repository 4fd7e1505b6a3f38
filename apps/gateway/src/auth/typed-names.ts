import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';

import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';

/**
 * What a failed login keeps of a typed name that names no user: a keyed hash. Such names are often
 * passwords typed in the wrong box; the hash still tells repeated tries of one name apart, and
 * without the key (USERNAME_HASH_KEY) it cannot be reversed by guessing.
 */
@Injectable()
export class TypedNames {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  keyedHash(typed: string): string {
    return `hmac-sha256:${createHmac('sha256', this.config.usernameHashKey).update(typed).digest('hex')}`;
  }
}
