import { Inject, Injectable } from '@nestjs/common';

import type { Permission } from '@salesops/policy';
import { type IdentityClaims, type Task, personOf } from '@salesops/rpc';

import type { Prisma } from '../generated/prisma/client';
import { OrdersTasksRepository, type WaitingOrder } from './orders-tasks.repository';

function reachWhere({ scope }: IdentityClaims): Prisma.OrderWhereInput {
  switch (scope.kind) {
    case 'company':
      return {};
    case 'subtree':
    case 'team':
      return { teamId: { in: scope.teamIds } };
    case 'own':
    case 'none':
      return { ownerId: scope.memberId ?? { in: [] } };
  }
}

const belowFloor = (order: WaitingOrder) =>
  order.lines.some((line) => line.unitPriceMinor < line.floorPriceMinor);

/**
 * What waits in orders for the caller: orders to review and discounts to approve (leaders, never
 * their own deals), fulfilment steps (operations of the team), delivered orders not yet paid (the
 * owner).
 */
@Injectable()
export class OrdersTasksService {
  constructor(@Inject(OrdersTasksRepository) private readonly orders: OrdersTasksRepository) {}

  async list(identity: IdentityClaims): Promise<Task[]> {
    const person = personOf(identity);
    const reach = reachWhere(identity);
    const notMine = (order: WaitingOrder) => order.createdBy !== person && order.ownerId !== person;
    const can = (permission: Permission) => identity.permissions.includes(permission);
    const tasks: Task[] = [];
    const task = (kind: string, title: string, order: WaitingOrder): Task => ({
      id: `${kind}:${order.id}`,
      kind,
      title: `${title} ${order.number}`,
      subjectType: 'order',
      subjectId: order.id,
      dueAt: null,
      service: 'orders',
    });
    if (can('orders:review')) {
      for (const order of await this.orders.waiting(reach, ['submitted'])) {
        if (notMine(order)) tasks.push(task('order.review', 'Review order', order));
      }
      for (const order of await this.orders.waiting({ ...reach, discountApprovedBy: null }, [
        'draft',
        'rejected',
      ])) {
        if (notMine(order) && belowFloor(order)) {
          tasks.push(task('order.discount', 'Approve the discount on order', order));
        }
      }
    }
    if (can('orders:fulfil')) {
      for (const order of await this.orders.waiting(reach, [
        'approved',
        'in_production',
        'packed',
        'shipped',
      ])) {
        tasks.push(task('order.fulfil', 'Next fulfilment step of order', order));
      }
    }
    if (identity.caller.memberId) {
      for (const order of await this.orders.waiting(
        { ownerId: identity.caller.memberId, paymentStatus: { not: 'paid' } },
        ['delivered'],
      )) {
        tasks.push(task('order.payment', 'Collect the payment of order', order));
      }
    }
    return tasks;
  }
}
