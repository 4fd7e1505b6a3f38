import { Inject, Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';
import type { Trainee } from '../generated/prisma/client';

export type { Trainee as TraineeRow } from '../generated/prisma/client';

/** Who is on which team in which position, as this service knows from the members events. */
@Injectable()
export class RosterRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /**
   * A member's placement at the member's version `version`: applied only over an older one, so a
   * late hire leaves a newer transfer as it is. A name, once known, is kept.
   * Returns whether the placement was applied.
   */
  async applyPlacement(
    placement: { memberId: string; teamId: string; position: string; name: string | null },
    version: number,
    work: Work,
  ): Promise<boolean> {
    const rows = await sqlOf(work).$queryRawUnsafe<{ applied: boolean }[]>(
      `INSERT INTO trainee AS t ("memberId", name, "teamId", position, "placementVersion", "updatedAt")
       VALUES ($1::uuid, COALESCE($2, ''), $3::uuid, $4, $5, now())
       ON CONFLICT ("memberId") DO UPDATE SET
         name = CASE WHEN $2 IS NULL THEN t.name ELSE EXCLUDED.name END,
         "teamId" = CASE WHEN EXCLUDED."placementVersion" > t."placementVersion"
                         THEN EXCLUDED."teamId" ELSE t."teamId" END,
         position = CASE WHEN EXCLUDED."placementVersion" > t."placementVersion"
                         THEN EXCLUDED.position ELSE t.position END,
         "placementVersion" = GREATEST(t."placementVersion", EXCLUDED."placementVersion"),
         "updatedAt" = now()
       RETURNING ("placementVersion" = $5) AS applied`,
      placement.memberId,
      placement.name,
      placement.teamId,
      placement.position,
      version,
    );
    return rows[0]?.applied ?? false;
  }

  find(memberId: string, work?: Work): Promise<Trainee | null> {
    return this.prisma.within(work).trainee.findUnique({ where: { memberId } });
  }

  findMany(memberIds: readonly string[], work?: Work): Promise<Trainee[]> {
    return this.prisma
      .within(work)
      .trainee.findMany({ where: { memberId: { in: [...memberIds] } } });
  }
}
