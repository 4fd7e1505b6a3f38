import { Inject, Injectable } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import { type CallContext, DomainError, RpcClient } from '@salesops/rpc';

/** A customer as orders needs it: who owns it and in which team. */
export interface OrderCustomer {
  id: string;
  ownerId: string;
  teamId: string;
}

/**
 * Asks the customers service whether a customer is in the caller's reach (the caller's identity
 * forwarded) and who owns it; one out of reach (or that does not exist) is refused.
 */
@Injectable()
export class CustomerDirectory {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  async reachable(customerId: string, context: CallContext): Promise<OrderCustomer> {
    try {
      const customer = await this.rpc.call(CustomersRpc.customerReach, { id: customerId }, context);
      return { id: customer.id, ownerId: customer.ownerId, teamId: customer.teamId };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CUSTOMER_NOT_FOUND') {
        throw new DomainError('ORDER_CUSTOMER_UNKNOWN', undefined, undefined, [
          { path: 'input.customerId', message: 'no such customer within your reach' },
        ]);
      }
      throw error;
    }
  }
}
