import { Inject, Injectable } from '@nestjs/common';

import { type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';
import { notBackingOff } from '../sweeps/sweep-kind';

/** The handover sagas of departures: started, then departed, or reverting until reverted. */
@Injectable()
export class DeparturesRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  async start(handoverId: string, memberId: string): Promise<void> {
    await this.prisma.departure.create({ data: { handoverId, memberId, status: 'handing_over' } });
  }

  /** Ends the handover as a departure, unless the sweep has taken it over meanwhile. */
  async complete(handoverId: string, work: Work): Promise<boolean> {
    const tx = this.prisma.within(work);
    const { count } = await tx.departure.updateMany({
      where: { handoverId, status: 'handing_over' },
      data: { status: 'departed' },
    });
    return count === 1;
  }

  /** The saga is being undone from now on (by its request, or by the sweep that took it over). */
  async markReverting(handoverId: string, work?: Work): Promise<void> {
    await this.prisma.within(work).departure.updateMany({
      where: { handoverId, status: 'handing_over' },
      data: { status: 'reverting' },
    });
  }

  async markReverted(handoverId: string, work?: Work): Promise<void> {
    const tx = this.prisma.within(work);
    await tx.departure.update({ where: { handoverId }, data: { status: 'reverted' } });
  }

  /**
   * One handover to undo, locked until the transaction ends: one whose revert failed, or one left
   * half-way for more than `abandonedAfterSeconds` (its process stopped), judged by the database
   * clock, the one that stamped `createdAt`; not one waiting for its next attempt.
   */
  async claimToRevert(abandonedAfterSeconds: number, work: Work): Promise<string | null> {
    const tx = this.prisma.within(work);
    const rows = await tx.$queryRawUnsafe<{ handoverId: string }[]>(
      `SELECT "handoverId" FROM departure d
       WHERE (status = 'reverting'
              OR (status = 'handing_over'
                  AND "createdAt" < now() - make_interval(secs => $1::float8)))
         AND ${notBackingOff('departure-revert', 'd."handoverId"')}
       ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      abandonedAfterSeconds,
    );
    return rows[0]?.handoverId ?? null;
  }
}
