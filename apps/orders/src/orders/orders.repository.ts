import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import type { ListOrdersQuery } from '@salesops/orders-contracts';
import { newestFirst, sqlOf, type Work } from '@salesops/persistence';
import { DomainError, type Reach } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import type { Order, OrderLine, Prisma } from '../generated/prisma/client';

export type {
  OrderTimeline as TimelineRow,
  OrderPayment as PaymentRow,
} from '../generated/prisma/client';

export type OrderRow = Order & { lines: OrderLine[] };
export type OrderLineRow = OrderLine;

export interface NewLine {
  productId: string;
  quantity: number;
  unitPriceMinor: bigint;
  lineTotalMinor: bigint;
  floorPriceMinor: bigint;
}

export interface NewOrder {
  id: string;
  number: string;
  customerId: string;
  ownerId: string;
  teamId: string;
  createdBy: string;
  contractId: string | null;
  totalMinor: bigint;
  lines: NewLine[];
}

/** A change of the order's row, made at the version its rules were checked on. */
export interface OrderChange {
  status?: string;
  statusReason?: string | null;
  totalMinor?: bigint;
  costMinor?: bigint | null;
  paymentStatus?: string;
  paidMinor?: bigint;
  refundedMinor?: bigint;
  carrier?: string;
  trackingNo?: string;
  discountApprovedBy?: string | null;
  discountApprovedAt?: Date | null;
  discountReason?: string | null;
  ownerId?: string;
}

export interface TimelineEntry {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  details?: Record<string, unknown> | null;
  by: string;
}

/** Which orders a caller reaches: all, those of some teams, or those they own. */

function reachWhere(reach: Reach): Prisma.OrderWhereInput {
  if ('all' in reach) return {};
  if ('teamIds' in reach) return { teamId: { in: reach.teamIds } };
  return { ownerId: reach.ownerId ?? { in: [] } };
}

const withLines = { lines: { orderBy: { position: 'asc' } } } as const;

@Injectable()
export class OrdersRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /**
   * The next number of a company-calendar year, in its own statement (never the caller's
   * transaction): concurrent creates each get another number without waiting on each other's
   * commits; a number taken by a create that then fails is a gap.
   */
  async nextNumber(year: number): Promise<number> {
    const [row] = await this.prisma.$queryRawUnsafe<{ last: number }[]>(
      `INSERT INTO order_sequence (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = order_sequence.last + 1 RETURNING last`,
      year,
    );
    return (row as { last: number }).last;
  }

  async create(order: NewOrder, timeline: TimelineEntry, work: Work): Promise<OrderRow> {
    const { lines, ...fields } = order;
    const row = await this.prisma.within(work).order.create({
      data: {
        ...fields,
        status: 'draft',
        lines: {
          createMany: {
            data: lines.map((line, position) => ({ id: randomUUID(), position, ...line })),
          },
        },
      },
      include: withLines,
    });
    await this.record(order.id, [timeline], work);
    return row;
  }

  async replaceLines(orderId: string, lines: NewLine[], work: Work): Promise<void> {
    const tx = this.prisma.within(work);
    await tx.orderLine.deleteMany({ where: { orderId } });
    await tx.orderLine.createMany({
      data: lines.map((line, position) => ({ id: randomUUID(), orderId, position, ...line })),
    });
  }

  findById(id: string, work?: Work): Promise<OrderRow | null> {
    return this.prisma.within(work).order.findUnique({ where: { id }, include: withLines });
  }

  /** Locks the order's row for the rest of the transaction (payments and refunds add up on it). */
  async lock(id: string, work: Work): Promise<void> {
    await sqlOf(work).$queryRawUnsafe(`SELECT id FROM "order" WHERE id = $1::uuid FOR UPDATE`, id);
  }

  /**
   * Applies the change at `version` (a concurrent change makes it 412) and records the timeline
   * entries beside it.
   */
  async change(
    id: string,
    version: number,
    change: OrderChange,
    timeline: TimelineEntry[],
    work: Work,
  ): Promise<OrderRow> {
    const tx = this.prisma.within(work);
    const { count } = await tx.order.updateMany({
      where: { id, version },
      data: { ...change, version: { increment: 1 } },
    });
    if (count === 0) {
      const exists = await tx.order.count({ where: { id } });
      throw new DomainError(exists > 0 ? 'VERSION_MISMATCH' : 'ORDER_NOT_FOUND');
    }
    await this.record(id, timeline, work);
    return (await this.findById(id, work)) as OrderRow;
  }

  private async record(orderId: string, entries: TimelineEntry[], work: Work): Promise<void> {
    if (entries.length === 0) return;
    await this.prisma.within(work).orderTimeline.createMany({
      data: entries.map((entry) => ({
        id: randomUUID(),
        orderId,
        ...entry,
        details: (entry.details ?? undefined) as Prisma.InputJsonValue | undefined,
      })),
    });
  }

  timeline(orderId: string) {
    return this.prisma.orderTimeline.findMany({
      where: { orderId },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
  }

  async addPayment(
    payment: {
      orderId: string;
      kind: 'payment' | 'refund';
      amountMinor: bigint;
      method: string | null;
      reference: string | null;
      reason: string | null;
      at: Date;
      by: string;
    },
    work: Work,
  ): Promise<string> {
    const id = randomUUID();
    await this.prisma.within(work).orderPayment.create({ data: { id, ...payment } });
    return id;
  }

  async list(query: ListOrdersQuery, reach: Reach): Promise<OrderRow[]> {
    const page = newestFirst<Prisma.OrderWhereInput, Prisma.OrderOrderByWithRelationInput>(query);
    return this.prisma.order.findMany({
      where: {
        AND: [reachWhere(reach), page.after],
        ...(query.status ? { status: query.status } : {}),
        ...(query.paymentStatus ? { paymentStatus: query.paymentStatus } : {}),
        ...(query.customerId ? { customerId: query.customerId } : {}),
        ...(query.ownerId ? { ownerId: query.ownerId } : {}),
        ...(query.teamId ? { teamId: query.teamId } : {}),
      },
      include: withLines,
      orderBy: page.orderBy,
      take: page.take,
    });
  }
}
