import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import type { Logger } from 'pino';

import { type IdentityClaims, IdentityVerifier, DomainError, RpcHeader } from '@salesops/rpc';

import { natsHeader } from './nats-headers';
import { contractOf } from './rpc-contract.metadata';
import { LOGGER } from './tokens';

const identities = new WeakMap<object, { claims: IdentityClaims; token: string }>();

/** The verified identity of the message being handled. */
export function identityOf(context: ExecutionContext): IdentityClaims | undefined {
  return identities.get(context.switchToRpc().getContext<NatsContext>())?.claims;
}

/** The signed identity as received, for calls the handler makes on the caller's behalf. */
export function identityTokenOf(context: ExecutionContext): string | undefined {
  return identities.get(context.switchToRpc().getContext<NatsContext>())?.token;
}

/**
 * Every message must carry an identity the gateway signed for this subject (or for a subject whose
 * contract names this service `onward`), unexpired and not seen before, whose permissions include
 * the contract's; or one a service signed for itself, on a subject whose
 * contract lets that service call it in the background. Anything else is refused and logged,
 * before any data is read.
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
    const token = natsHeader(context, RpcHeader.identity);
    const result = this.verifier.verify(token, contract.subject);
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
    if (result.signedBy === 'service' && !contract.background.includes(result.claims.caller.id)) {
      throw new DomainError('FORBIDDEN', `${result.claims.caller.id} may not call this itself`);
    }
    if (!contract.permission || !result.claims.permissions.includes(contract.permission)) {
      throw new DomainError('FORBIDDEN', `Requires ${contract.permission ?? 'a permission'}`);
    }
    identities.set(context.switchToRpc().getContext<NatsContext>(), {
      claims: result.claims,
      token: token as string,
    });
    return true;
  }
}
