import { Inject, Injectable } from '@nestjs/common';

import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';

export interface WaitingOrder {
  id: string;
  number: string;
  status: string;
  createdBy: string;
  ownerId: string;
  updatedAt: Date;
  lines: { unitPriceMinor: bigint; floorPriceMinor: bigint }[];
}

/** How many of each kind of waiting order the to-do list shows. */
const TASKS_PER_KIND = 50;

@Injectable()
export class OrdersTasksRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** Orders in `statuses` within `where`, oldest change first, with their lines' prices. */
  waiting(where: Prisma.OrderWhereInput, statuses: readonly string[]): Promise<WaitingOrder[]> {
    return this.prisma.order.findMany({
      where: { ...where, status: { in: [...statuses] } },
      select: {
        id: true,
        number: true,
        status: true,
        createdBy: true,
        ownerId: true,
        updatedAt: true,
        lines: { select: { unitPriceMinor: true, floorPriceMinor: true } },
      },
      orderBy: { updatedAt: 'asc' },
      take: TASKS_PER_KIND,
    });
  }
}
