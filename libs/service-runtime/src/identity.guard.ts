import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import type { Logger } from 'pino';

import { type IdentityClaims, IdentityVerifier, DomainError, RpcHeader } from '@salesops/rpc';

import { natsHeader } from './nats-headers';
import { contractOf } from './rpc-contract.metadata';
import { LOGGER } from './tokens';

const identities = new WeakMap<object, IdentityClaims>();

/** The verified identity of the message being handled. */
export function identityOf(context: ExecutionContext): IdentityClaims | undefined {
  return identities.get(context.switchToRpc().getContext<NatsContext>());
}

/**
 * Every message must carry an identity the gateway signed for this service, unexpired, whose
 * permissions include the contract's. Anything else is refused and logged, before any data is read.
 */
@Injectable()
export class IdentityGuard implements CanActivate {
  constructor(
    @Inject(IdentityVerifier) private readonly verifier: IdentityVerifier,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const contract = contractOf(context);
    if (!contract) throw new DomainError('INTERNAL', 'handler without a contract');
    if (contract.anonymous) return true;
    const result = this.verifier.verify(natsHeader(context, RpcHeader.identity));
    if (!result.ok) {
      this.logger.warn(
        {
          subject: contract.subject,
          reason: result.reason,
          requestId: natsHeader(context, RpcHeader.requestId),
        },
        'refused a message',
      );
      throw new DomainError('UNAUTHENTICATED', `Refused: ${result.reason}`);
    }
    if (!contract.permission || !result.claims.permissions.includes(contract.permission)) {
      throw new DomainError('FORBIDDEN', `Requires ${contract.permission ?? 'a permission'}`);
    }
    identities.set(context.switchToRpc().getContext<NatsContext>(), result.claims);
    return true;
  }
}
