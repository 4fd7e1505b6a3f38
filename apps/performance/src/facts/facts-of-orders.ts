import { toMinor } from '@salesops/contract-kit';
import type { z } from 'zod';

import { type OrdersEvents } from '@salesops/orders-contracts/events';

import type { FactDraft, FactMetric } from './fact-draft';

type Completed = z.output<typeof OrdersEvents.orderCompleted.data>;
type Refunded = z.output<typeof OrdersEvents.orderRefunded.data>;
type Cancelled = z.output<typeof OrdersEvents.orderCancelled.data>;
type OrderFacts = Pick<Completed, 'orderId' | 'number' | 'ownerId' | 'teamId' | 'period' | 'at'>;

/** What a completion counted for its order: the amounts a later refund or cancellation takes back. */
export interface CompletionCounted {
  sales: bigint;
  profit: bigint | null;
}

const factOf =
  (order: OrderFacts) =>
  (metric: FactMetric, value: bigint): FactDraft => ({
    memberId: order.ownerId,
    metric,
    period: order.period,
    value,
    sourceType: 'order',
    sourceId: order.orderId,
    sourceRef: order.number,
    occurredAt: order.at,
    eventTeamId: order.teamId,
  });

/** A completed order counts its total, its profit (when known) and one order for its owner. */
export function factsOfCompletion(order: Completed): FactDraft[] {
  const fact = factOf(order);
  return [
    fact('sales', toMinor(order.total)),
    ...(order.profit === null ? [] : [fact('profit', toMinor(order.profit))]),
    fact('orders', 1n),
  ];
}

/**
 * A refund after completion takes back its amount from sales in the month it happens, the same
 * share of the counted profit, and the order itself once all of the total went back. A refund
 * before completion changes nothing: the completion counts what was kept.
 */
export function factsOfRefund(order: Refunded, counted: CompletionCounted | null): FactDraft[] {
  if (!order.afterCompletion) return [];
  const fact = factOf(order);
  const amount = toMinor(order.amount);
  const facts = [fact('sales', -amount)];
  if (counted?.profit && counted.sales > 0n) {
    facts.push(fact('profit', -roundedShare(counted.profit, amount, counted.sales)));
  }
  if (toMinor(order.refundedAmount) >= toMinor(order.total)) facts.push(fact('orders', -1n));
  return facts;
}

/** A cancellation after completion (which the order flow does not allow today) undoes it all. */
export function factsOfCancellation(
  order: Cancelled,
  counted: CompletionCounted | null,
): FactDraft[] {
  if (order.previousStatus !== 'completed' || !counted) return [];
  const fact = factOf(order);
  return [
    fact('sales', -counted.sales),
    ...(counted.profit === null ? [] : [fact('profit', -counted.profit)]),
    fact('orders', -1n),
  ];
}

/** `value × part / whole`, rounded half away from zero, in integers. */
function roundedShare(value: bigint, part: bigint, whole: bigint): bigint {
  const product = value * part;
  const sign = product < 0n ? -1n : 1n;
  const magnitude = product * sign;
  return sign * ((magnitude * 2n + whole) / (whole * 2n));
}
