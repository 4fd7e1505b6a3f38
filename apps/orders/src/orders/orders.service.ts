import { fromMinor, sumMinor, timesQuantity, toMinor } from '@salesops/contract-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import { type EventContract } from '@salesops/events';
import { appendToOutbox, type SubjectVersionOf } from '@salesops/messaging';
import { type Order, OrdersEvents, OrdersRpc, type OrderStatus } from '@salesops/orders-contracts';
import { FIELD_RULES, viewerOf, visibilityOf } from '@salesops/policy';
import { runIdempotent, toPage, UnitOfWork, type Work } from '@salesops/persistence';
import {
  type CallContext,
  DomainError,
  type IdentityClaims,
  type RpcReply,
  type RpcRequest,
  personOf,
  reachOf,
} from '@salesops/rpc';

import { CustomerDirectory } from '../customers/customer-directory';
import { type ProductRow, ProductsRepository } from '../products/products.repository';
import { SalesContractsService } from '../sales-contracts/sales-contracts.service';
import { toOrder } from './order.mapper';
import { canSeeOrder, presentOrder } from './order.presenter';
import { EDITABLE, type OrderMove, PAYABLE, statusAfter } from './order-status';
import {
  type NewLine,
  type OrderChange,
  type OrderRow,
  OrdersRepository,
  type TimelineEntry,
} from './orders.repository';

type LineInput = RpcRequest<typeof OrdersRpc.createOrder>['input']['lines'][number];
type FactKey =
  | 'orderId'
  | 'number'
  | 'customerId'
  | 'ownerId'
  | 'teamId'
  | 'status'
  | 'total'
  | 'period'
  | 'at';
type Command = { id: string; expectedVersion: number | null };

/** What a step of the state machine writes: the change, its timeline entry, its event. */
interface Step {
  change: OrderChange;
  entry: Omit<TimelineEntry, 'fromStatus' | 'toStatus' | 'by'> & { toStatus?: string };
  announce?: (row: OrderRow, work: Work) => Promise<unknown>;
}

@Injectable()
export class OrdersService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(OrdersRepository) private readonly orders: OrdersRepository,
    @Inject(ProductsRepository) private readonly products: ProductsRepository,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(SalesContractsService) private readonly contracts: SalesContractsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * A draft for a customer in the caller's reach (asked of customers with the caller's identity),
   * owned by the customer's owner; lines of active products, totals computed here. With an
   * `Idempotency-Key` a repeat answers the first order.
   */
  async create(
    { idempotencyKey: key, input }: RpcRequest<typeof OrdersRpc.createOrder>,
    context: CallContext,
  ): Promise<Order> {
    const identity = context.identity as IdentityClaims;
    // The products are read while customers answers for the customer; its refusal comes first.
    const [reach, products] = await Promise.allSettled([
      this.customers.reachable(input.customerId, context),
      this.products.findMany(input.lines.map((line) => line.productId)),
    ]);
    const customer = settled(reach);
    if (input.contractId !== null) {
      await this.contracts.signedFor(input.contractId, customer.id, identity);
    }
    const year = this.calendar.yearOf(this.clock.now());
    const draft = (work?: Work) => {
      const lines = priced(input.lines, settled(products));
      return this.orders.create(
        {
          id: randomUUID(),
          customerId: customer.id,
          ownerId: customer.ownerId,
          teamId: customer.teamId,
          createdBy: personOf(identity),
          contractId: input.contractId,
          totalMinor: sumMinor(lines.map((line) => line.lineTotalMinor)),
          lines,
        },
        year,
        {
          action: 'create',
          fromStatus: null,
          toStatus: 'draft',
          reason: null,
          by: personOf(identity),
        },
        work,
      );
    };
    const scope = `${identity.caller.id}:${OrdersRpc.createOrder.subject}`;
    const order =
      key === null
        ? toOrder(await draft())
        : await this.unitOfWork.run((work) =>
            runIdempotent(work, { scope, key, request: input, cipher: null }, async () =>
              toOrder(await draft(work)),
            ),
          );
    return presentOrder(order, identity);
  }

  async get({ id }: RpcRequest<typeof OrdersRpc.getOrder>, identity: IdentityClaims) {
    return presentOrder(toOrder(await this.reachable(id, identity)), identity);
  }

  async list(
    query: RpcRequest<typeof OrdersRpc.listOrders>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof OrdersRpc.listOrders>> {
    const rows = await this.orders.list(query, reachOf(identity));
    const page = toPage(rows.map(toOrder), query.limit, (order) => order.createdAt);
    return { ...page, items: page.items.map((order) => presentOrder(order, identity)) };
  }

  async timeline({ id }: RpcRequest<typeof OrdersRpc.orderTimeline>, identity: IdentityClaims) {
    const order = await this.reachable(id, identity);
    const rows = await this.orders.timeline(id);
    // A discount approval is `financial`: who lacks the clearance sees that it happened, not why.
    const discountsClear =
      visibilityOf(FIELD_RULES.order.discountApproval, viewerOf(identity, order)) === 'clear';
    return {
      items: rows.map((row) => ({
        action: row.action,
        from: row.fromStatus as OrderStatus | null,
        to: row.toStatus as OrderStatus,
        reason: row.action === 'approve-discount' && !discountsClear ? null : row.reason,
        details: (row.details ?? null) as Record<string, unknown> | null,
        by: row.by,
        at: row.at.toISOString(),
      })),
    };
  }

  /** Corrects a draft's (or rejected order's) lines; any discount approval is void after it. */
  async updateLines(
    { id, expectedVersion, input }: RpcRequest<typeof OrdersRpc.updateLines>,
    identity: IdentityClaims,
  ): Promise<Order> {
    return this.act({ id, expectedVersion }, identity, async (current, work) => {
      if (!EDITABLE.includes(current.status as OrderStatus)) {
        throw new DomainError('ORDER_STATUS_NOT_ALLOWED', undefined, { status: current.status });
      }
      const products = await this.products.findMany(
        input.lines.map((line) => line.productId),
        work,
      );
      const lines = priced(input.lines, products);
      await this.orders.replaceLines(current.id, lines, work);
      return {
        change: {
          totalMinor: sumMinor(lines.map((line) => line.lineTotalMinor)),
          discountApprovedBy: null,
          discountApprovedAt: null,
          discountReason: null,
        },
        entry: { action: 'update-lines', reason: null, details: { lines: input.lines.length } },
      };
    });
  }

  /** To review; a line below its floor needs the discount approved first. */
  async submit(request: RpcRequest<typeof OrdersRpc.submit>, identity: IdentityClaims) {
    return this.move(request, identity, { kind: 'submit' }, (current) => {
      if (isBelowFloor(current) && !current.discountApprovedBy) {
        throw new DomainError('ORDER_PRICE_BELOW_FLOOR');
      }
      return {
        change: { statusReason: null },
        entry: { action: 'submit', reason: null },
        announce: (row, work) => this.announce(work, OrdersEvents.orderSubmitted, row, {}),
      };
    });
  }

  /** The supervisor review: a leader or above in reach who neither created nor owns the order. */
  async approve(request: RpcRequest<typeof OrdersRpc.approve>, identity: IdentityClaims) {
    return this.move(request, identity, { kind: 'approve' }, async (current, work) => {
      assertNotOwnDeal(current, identity);
      if (isBelowFloor(current) && !current.discountApprovedBy) {
        throw new DomainError('ORDER_PRICE_BELOW_FLOOR');
      }
      // Cost is fixed now, from the products' unit costs of the day.
      const products = await this.products.findMany(
        current.lines.map((line) => line.productId),
        work,
      );
      const unitCost = new Map(products.map((product) => [product.id, product.unitCostMinor]));
      const costMinor = sumMinor(
        current.lines.map((line) =>
          timesQuantity(unitCost.get(line.productId) ?? 0n, line.quantity),
        ),
      );
      return {
        change: { costMinor, statusReason: null },
        entry: { action: 'approve', reason: request.input?.reason ?? null },
        announce: (row, work) =>
          this.announce(work, OrdersEvents.orderApproved, row, {
            ...financialOf(row),
            approvedBy: personOf(identity),
          }),
      };
    });
  }

  async reject(request: RpcRequest<typeof OrdersRpc.reject>, identity: IdentityClaims) {
    return this.move(request, identity, { kind: 'reject' }, (current) => {
      assertNotOwnDeal(current, identity);
      return {
        change: { statusReason: request.input.reason },
        entry: { action: 'reject', reason: request.input.reason },
        announce: (row, work) =>
          this.announce(work, OrdersEvents.orderRejected, row, {
            reason: request.input.reason,
            rejectedBy: personOf(identity),
          }),
      };
    });
  }

  /** A leader (not the creator nor owner) approves the current lines' prices below the floor. */
  async approveDiscount(
    { id, expectedVersion, input }: RpcRequest<typeof OrdersRpc.approveDiscount>,
    identity: IdentityClaims,
  ): Promise<Order> {
    return this.act({ id, expectedVersion }, identity, (current) => {
      if (!EDITABLE.includes(current.status as OrderStatus)) {
        throw new DomainError('ORDER_STATUS_NOT_ALLOWED', undefined, { status: current.status });
      }
      assertNotOwnDeal(current, identity);
      if (!isBelowFloor(current)) throw new DomainError('ORDER_NO_DISCOUNT_NEEDED');
      return {
        change: {
          discountApprovedBy: personOf(identity),
          discountApprovedAt: this.clock.now(),
          discountReason: input?.reason ?? null,
        },
        entry: { action: 'approve-discount', reason: input?.reason ?? null },
      };
    });
  }

  /** A fulfilment step by operations of the order's team; shipping records carrier and tracking. */
  async fulfil(request: RpcRequest<typeof OrdersRpc.fulfil>, identity: IdentityClaims) {
    const { step, carrier, trackingNo } = request.input;
    return this.move(request, identity, { kind: 'fulfil', step }, () => {
      const shipment =
        step === 'shipped' ? { carrier: carrier ?? '', trackingNo: trackingNo ?? '' } : null;
      return {
        change: shipment ?? {},
        entry: { action: 'fulfil', reason: null, details: shipment },
        announce:
          step === 'shipped'
            ? (row, work) =>
                this.announce(work, OrdersEvents.orderShipped, row, {
                  carrier: row.carrier ?? '',
                  trackingNo: row.trackingNo ?? '',
                })
            : step === 'delivered'
              ? (row, work) => this.announce(work, OrdersEvents.orderDelivered, row, {})
              : undefined,
      };
    });
  }

  async cancel(request: RpcRequest<typeof OrdersRpc.cancel>, identity: IdentityClaims) {
    return this.move(request, identity, { kind: 'cancel' }, (current) => ({
      change: { statusReason: request.input.reason },
      entry: { action: 'cancel', reason: request.input.reason },
      announce: (row, work) =>
        this.announce(work, OrdersEvents.orderCancelled, row, {
          reason: request.input.reason,
          previousStatus: current.status as OrderStatus,
        }),
    }));
  }

  /**
   * Delivered and paid: by the owner, the creator or a leader. Delivered but not fully paid: only
   * a leader (who may review orders) whose deal it is not, with a reason.
   */
  async complete(request: RpcRequest<typeof OrdersRpc.complete>, identity: IdentityClaims) {
    const reason = request.input?.reason ?? null;
    return this.move(request, identity, { kind: 'complete' }, (current) => {
      const isLeader = identity.permissions.includes('orders:review');
      const paid = current.paymentStatus === 'paid';
      if (!paid && !(isLeader && reason)) throw new DomainError('ORDER_NOT_PAID');
      // Completing an unpaid order is a leader's decision: never on their own deal.
      if (!paid) assertNotOwnDeal(current, identity);
      return {
        change: { statusReason: reason },
        entry: { action: 'complete', reason },
        announce: (row, work) =>
          this.announce(work, OrdersEvents.orderCompleted, row, {
            ...financialOf(row),
            reason,
            paidAmount: fromMinor(row.paidMinor),
          }),
      };
    });
  }

  /** A payment on an approved order, up to its total; the payment status follows. */
  async recordPayment(
    { id, expectedVersion, input }: RpcRequest<typeof OrdersRpc.recordPayment>,
    identity: IdentityClaims,
  ): Promise<Order> {
    const amount = toMinor(input.amount);
    let paymentId = '';
    return this.act({ id, expectedVersion }, identity, async (current, work) => {
      if (!PAYABLE.includes(current.status as OrderStatus)) {
        throw new DomainError('ORDER_STATUS_NOT_ALLOWED', undefined, { status: current.status });
      }
      const paidMinor = current.paidMinor + amount;
      if (paidMinor > current.totalMinor) {
        throw new DomainError('ORDER_OVERPAYMENT', undefined, {
          total: fromMinor(current.totalMinor),
          paidAmount: fromMinor(current.paidMinor),
        });
      }
      const at = input.paidAt ? new Date(input.paidAt) : this.clock.now();
      paymentId = await this.orders.addPayment(
        {
          orderId: current.id,
          kind: 'payment',
          amountMinor: amount,
          method: input.method,
          reference: input.reference,
          reason: null,
          at,
          by: personOf(identity),
        },
        work,
      );
      return {
        change: {
          paidMinor,
          paymentStatus: paidMinor === current.totalMinor ? 'paid' : 'partially_paid',
        },
        entry: {
          action: 'payment',
          reason: null,
          details: {
            amount: fromMinor(amount),
            method: input.method,
            reference: input.reference,
            paidAt: at.toISOString(),
          },
        },
        announce: (row, work) =>
          this.announce(work, OrdersEvents.paymentReceived, row, {
            paymentId,
            amount: fromMinor(amount),
            paidAmount: fromMinor(row.paidMinor),
            method: input.method,
          }),
      };
    });
  }

  /** A refund once delivered (or completed), never beyond what was paid and not yet refunded. */
  async recordRefund(
    { id, expectedVersion, input }: RpcRequest<typeof OrdersRpc.recordRefund>,
    identity: IdentityClaims,
  ): Promise<Order> {
    const amount = toMinor(input.amount);
    return this.act({ id, expectedVersion }, identity, async (current, work) => {
      if (current.status !== 'delivered' && current.status !== 'completed') {
        throw new DomainError('ORDER_STATUS_NOT_ALLOWED', undefined, { status: current.status });
      }
      const refundedMinor = current.refundedMinor + amount;
      if (refundedMinor > current.paidMinor) {
        throw new DomainError('ORDER_REFUND_EXCEEDS_PAID', undefined, {
          paidAmount: fromMinor(current.paidMinor),
          refundedAmount: fromMinor(current.refundedMinor),
        });
      }
      await this.orders.addPayment(
        {
          orderId: current.id,
          kind: 'refund',
          amountMinor: amount,
          method: null,
          reference: null,
          reason: input.reason,
          at: this.clock.now(),
          by: personOf(identity),
        },
        work,
      );
      return {
        change: {
          refundedMinor,
          ...(refundedMinor === current.paidMinor ? { paymentStatus: 'refunded' } : {}),
        },
        entry: { action: 'refund', reason: input.reason, details: { amount: fromMinor(amount) } },
        announce: (row, work) =>
          this.announce(work, OrdersEvents.orderRefunded, row, {
            reason: input.reason,
            amount: fromMinor(amount),
            refundedAmount: fromMinor(row.refundedMinor),
            afterCompletion: row.status === 'completed',
          }),
      };
    });
  }

  /** A move of the state machine: allowed from the current status only, else 409. */
  private move(
    command: Command,
    identity: IdentityClaims,
    move: OrderMove,
    rules: (current: OrderRow, work: Work) => Step | Promise<Step>,
  ): Promise<Order> {
    return this.act(command, identity, async (current, work) => {
      const to = statusAfter(current.status as OrderStatus, move);
      if (to === null) {
        throw new DomainError('ORDER_STATUS_NOT_ALLOWED', undefined, { status: current.status });
      }
      const step = await rules(current, work);
      return {
        ...step,
        change: { ...step.change, status: to },
        entry: { ...step.entry, toStatus: to },
      };
    });
  }

  /**
   * One change of an order in reach, at the `If-Match` version (or the one read), with its
   * timeline entry and event in the same transaction.
   */
  async act(
    { id, expectedVersion }: Command,
    identity: IdentityClaims,
    rules: (current: OrderRow, work: Work) => Step | Promise<Step>,
  ): Promise<Order> {
    const row = await this.unitOfWork.run(async (work) => {
      const current = await this.reachable(id, identity, work);
      const version = expectedVersion ?? current.version;
      if (version !== current.version) throw new DomainError('VERSION_MISMATCH');
      const step = await rules(current, work);
      const changed = await this.orders.change(
        id,
        version,
        step.change,
        [
          {
            ...step.entry,
            fromStatus: current.status,
            toStatus: step.entry.toStatus ?? current.status,
            by: personOf(identity),
          },
        ],
        work,
      );
      await step.announce?.(changed, work);
      return changed;
    });
    return presentOrder(toOrder(row), identity);
  }

  /** An order within the caller's reach; one out of reach answers as not found. */
  async reachable(id: string, identity: IdentityClaims, work?: Work): Promise<OrderRow> {
    const row = await this.orders.findById(id, work);
    if (!row || !canSeeOrder(row, identity)) throw new DomainError('ORDER_NOT_FOUND');
    return row;
  }

  /** An order event with the facts every one carries, at the order's version after the change. */
  async announce<C extends EventContract<z.ZodType, true>>(
    work: Work,
    event: C,
    row: OrderRow,
    extra: Omit<z.input<C['data']>, FactKey>,
  ): Promise<void> {
    const now = this.clock.now();
    await appendToOutbox(
      work,
      event,
      row.id,
      {
        orderId: row.id,
        number: row.number,
        customerId: row.customerId,
        ownerId: row.ownerId,
        teamId: row.teamId,
        status: row.status,
        total: fromMinor(row.totalMinor),
        period: this.calendar.monthOf(now),
        at: now.toISOString(),
        ...extra,
      } as z.input<C['data']>,
      ...([row.version] as SubjectVersionOf<C>),
    );
  }
}

/** Lines priced from active products: the list price unless one is given; totals exact. */
function priced(lines: readonly LineInput[], products: readonly ProductRow[]): NewLine[] {
  const byId = new Map(products.map((product) => [product.id, product]));
  const errors = lines.flatMap((line, index) =>
    byId.get(line.productId)?.active
      ? []
      : [{ path: `input.lines.${index}.productId`, message: 'no such active product' }],
  );
  if (errors.length > 0) {
    throw new DomainError('ORDER_PRODUCT_INVALID', undefined, undefined, errors);
  }
  return lines.map((line) => {
    const product = byId.get(line.productId)!;
    const unitPriceMinor =
      line.unitPrice === undefined ? product.listPriceMinor : toMinor(line.unitPrice);
    return {
      productId: product.id,
      quantity: line.quantity,
      unitPriceMinor,
      lineTotalMinor: timesQuantity(unitPriceMinor, line.quantity),
      floorPriceMinor: product.floorPriceMinor,
    };
  });
}

/** The value of a settled promise, or its reason thrown. */
function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

function isBelowFloor(order: OrderRow): boolean {
  return order.lines.some((line) => line.unitPriceMinor < line.floorPriceMinor);
}

/** Nobody reviews their own deal: neither its creator nor its owner. */
function assertNotOwnDeal(order: OrderRow, identity: IdentityClaims): void {
  const person = personOf(identity);
  if (order.createdBy === person || order.ownerId === person) {
    throw new DomainError('ORDER_SELF_REVIEW');
  }
}

function financialOf(row: OrderRow): { cost: string | null; profit: string | null } {
  return row.costMinor === null
    ? { cost: null, profit: null }
    : { cost: fromMinor(row.costMinor), profit: fromMinor(row.totalMinor - row.costMinor) };
}
