import { type ErrorCode, type ErrorEntry, sharedErrors } from '@salesops/contract-kit';
import { customersErrors } from '@salesops/customers-contracts';
import { membersErrors } from '@salesops/members-contracts';
import { ordersErrors } from '@salesops/orders-contracts';
import { performanceErrors } from '@salesops/performance-contracts';
import { trainingErrors } from '@salesops/training-contracts';

import { gatewayErrors } from './gateway-errors';

/**
 * Every code any service may answer with, and the gateway's own. `satisfies` makes the mapping
 * exhaustive: a service's new catalog that is not spread here does not compile.
 */
export const problemCatalog = {
  ...sharedErrors,
  ...gatewayErrors,
  ...membersErrors,
  ...customersErrors,
  ...ordersErrors,
  ...trainingErrors,
  ...performanceErrors,
} satisfies Record<ErrorCode, ErrorEntry>;

export type ProblemCode = keyof typeof problemCatalog;
