import { Inject, Injectable } from '@nestjs/common';

import { CustomersRpc } from '@salesops/customers-contracts';
import { MembersRpc } from '@salesops/members-contracts';
import { OrdersRpc } from '@salesops/orders-contracts';
import { PerformanceRpc } from '@salesops/performance-contracts';
import { type CallContext, RpcClient, serviceOf, type Task } from '@salesops/rpc';
import { TrainingRpc } from '@salesops/training-contracts';

import type { MyTasks } from './my-tasks.schemas';

/** Every service's task contract: a new service joins the to-do list by being named here. */
const TASK_SOURCES = [
  MembersRpc.tasks,
  CustomersRpc.tasks,
  OrdersRpc.tasks,
  TrainingRpc.tasks,
  PerformanceRpc.tasks,
];

const dueOrder = (task: Task) => (task.dueAt === null ? Infinity : Date.parse(task.dueAt));

/**
 * A person's to-do list: every service asked at once, each within its contract's deadline. What
 * one did not answer (not running, too slow, failed) is named, and the others' tasks still come.
 */
@Injectable()
export class MyTasksService {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  async list(context: CallContext): Promise<MyTasks> {
    const answers = await Promise.allSettled(
      TASK_SOURCES.map((contract) => this.rpc.call(contract, {}, context)),
    );
    const items = answers
      .flatMap((answer) => (answer.status === 'fulfilled' ? answer.value.items : []))
      .sort((a, b) => dueOrder(a) - dueOrder(b));
    const unavailable = TASK_SOURCES.flatMap((contract, index) =>
      answers[index]?.status === 'fulfilled' ? [] : [serviceOf(contract)],
    );
    return { items, unavailable };
  }
}
