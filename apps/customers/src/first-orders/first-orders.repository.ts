import { Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

/** The first completed order of each customer, as this service learned it. */
@Injectable()
export class FirstOrdersRepository {
  /**
   * Records `orderId` as the customer's first completed order; false when the customer has one
   * already (this order again, under any event id, or an earlier one).
   */
  async recordFirst(
    first: { customerId: string; orderId: string; orderVersion: number; won: boolean },
    work: Work,
  ): Promise<boolean> {
    const inserted = await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO first_order ("customerId", "orderId", "orderVersion", won)
       VALUES ($1::uuid, $2::uuid, $3, $4) ON CONFLICT ("customerId") DO NOTHING`,
      first.customerId,
      first.orderId,
      first.orderVersion,
      first.won,
    );
    return inserted > 0;
  }
}
