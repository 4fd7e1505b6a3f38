import type { FulfilmentStep, OrderStatus } from '@salesops/orders-contracts';

/** Each fulfilment step and the status it follows. */
const STEP_AFTER: Record<FulfilmentStep, OrderStatus> = {
  in_production: 'approved',
  packed: 'in_production',
  shipped: 'packed',
  delivered: 'shipped',
};

/** Where the lines may still change and a discount be approved: before the review. */
export const EDITABLE: readonly OrderStatus[] = ['draft', 'rejected'];
/** Cancelling is possible until the goods leave (shipping). */
const CANCELLABLE: readonly OrderStatus[] = [
  'draft',
  'rejected',
  'submitted',
  'approved',
  'in_production',
  'packed',
];

/** Payments are taken once the order is approved (a leader may have completed it unpaid). */
export const PAYABLE: readonly OrderStatus[] = [
  'approved',
  'in_production',
  'packed',
  'shipped',
  'delivered',
  'completed',
];

export type OrderMove =
  | { kind: 'submit' }
  | { kind: 'approve' }
  | { kind: 'reject' }
  | { kind: 'fulfil'; step: FulfilmentStep }
  | { kind: 'cancel' }
  | { kind: 'complete' };

/**
 * The status a move leads to from `current`, or null where the move is not allowed:
 * draft → submitted → approved → in_production → packed → shipped → delivered → completed; a
 * submitted order is rejected back for correction (then submitted again); cancelled before shipping.
 */
export function statusAfter(current: OrderStatus, move: OrderMove): OrderStatus | null {
  switch (move.kind) {
    case 'submit':
      return EDITABLE.includes(current) ? 'submitted' : null;
    case 'approve':
      return current === 'submitted' ? 'approved' : null;
    case 'reject':
      return current === 'submitted' ? 'rejected' : null;
    case 'fulfil':
      return STEP_AFTER[move.step] === current ? move.step : null;
    case 'cancel':
      return CANCELLABLE.includes(current) ? 'cancelled' : null;
    case 'complete':
      return current === 'delivered' ? 'completed' : null;
  }
}

/** Orders that are still open: a departing member's go to their successor. */
export function isOpen(status: OrderStatus): boolean {
  return status !== 'completed' && status !== 'cancelled';
}
