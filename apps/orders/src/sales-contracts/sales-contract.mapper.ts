import { fromMinor } from '@salesops/contract-kit';
import { type SalesContract } from '@salesops/orders-contracts';

import type { SalesContractRow } from './sales-contracts.repository';

export function toSalesContract(row: SalesContractRow): SalesContract {
  return {
    id: row.id,
    customerId: row.customerId,
    ownerId: row.ownerId,
    teamId: row.teamId,
    createdBy: row.createdBy,
    amount: fromMinor(row.amountMinor),
    deliveryDate: row.deliveryDate,
    paymentMethod: row.paymentMethod,
    afterSalesTerms: row.afterSalesTerms,
    status: row.status as SalesContract['status'],
    approvedBy: row.approvedBy,
    statusReason: row.statusReason,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}
