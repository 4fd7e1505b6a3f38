import { Inject, Injectable } from '@nestjs/common';

import { type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';

/** An aspect of a member the gateway keeps from the members service's events. */
export type StandingAspect = 'status' | 'placement';

const COLUMN: Record<StandingAspect, string> = {
  status: '"statusVersion"',
  placement: '"placementVersion"',
};

/** The member's version each aspect was last applied at (the events' `subjectVersion`). */
@Injectable()
export class MemberStandingRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /**
   * Records `version` as the aspect's own if it is newer than the one held; whether it was. The row
   * stays locked until the transaction ends, so two consumers (two gateway replicas) applying
   * events of one member take turns, and the older one sees the newer one's version.
   */
  async advance(
    memberId: string,
    aspect: StandingAspect,
    version: number,
    work: Work,
  ): Promise<boolean> {
    const column = COLUMN[aspect];
    const rows = await this.prisma.within(work).$queryRawUnsafe<unknown[]>(
      `INSERT INTO member_standing AS s ("memberId", ${column}, "updatedAt")
       VALUES ($1::uuid, $2, now())
       ON CONFLICT ("memberId") DO UPDATE SET ${column} = EXCLUDED.${column}, "updatedAt" = now()
         WHERE s.${column} < EXCLUDED.${column}
       RETURNING 1`,
      memberId,
      version,
    );
    return rows.length === 1;
  }
}
