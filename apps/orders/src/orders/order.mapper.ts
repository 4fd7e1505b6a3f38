import { fromMinor } from '@salesops/contract-kit';
import { type Order } from '@salesops/orders-contracts';

import type { OrderRow } from './orders.repository';

export function toOrder(row: OrderRow): Order {
  const belowFloor = row.lines.some((line) => line.unitPriceMinor < line.floorPriceMinor);
  return {
    id: row.id,
    number: row.number,
    customerId: row.customerId,
    ownerId: row.ownerId,
    teamId: row.teamId,
    createdBy: row.createdBy,
    contractId: row.contractId,
    lines: row.lines.map((line) => ({
      productId: line.productId,
      quantity: line.quantity,
      unitPrice: fromMinor(line.unitPriceMinor),
      lineTotal: fromMinor(line.lineTotalMinor),
    })),
    total: fromMinor(row.totalMinor),
    cost: row.costMinor === null ? null : fromMinor(row.costMinor),
    profit: row.costMinor === null ? null : fromMinor(row.totalMinor - row.costMinor),
    status: row.status as Order['status'],
    statusReason: row.statusReason,
    paymentStatus: row.paymentStatus as Order['paymentStatus'],
    paidAmount: fromMinor(row.paidMinor),
    refundedAmount: fromMinor(row.refundedMinor),
    shipment:
      row.carrier && row.trackingNo ? { carrier: row.carrier, trackingNo: row.trackingNo } : null,
    discountStatus: !belowFloor ? 'none' : row.discountApprovedBy ? 'approved' : 'pending',
    discountApproval:
      row.discountApprovedBy && row.discountApprovedAt
        ? {
            by: row.discountApprovedBy,
            at: row.discountApprovedAt.toISOString(),
            reason: row.discountReason,
          }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
