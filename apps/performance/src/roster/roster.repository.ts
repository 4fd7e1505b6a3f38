import { Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

export interface RosterEntry {
  memberId: string;
  teamId: string;
  position: string;
  level: string;
  status: string;
  hiredAt: Date;
}

/**
 * Written once per members event, so in plain SQL: Prisma's upsert costs several times the CPU
 * of the statement it sends (measured in bench/).
 */
@Injectable()
export class RosterRepository {
  upsert(entry: RosterEntry, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `INSERT INTO roster_member ("memberId", "teamId", position, level, status, "hiredAt", "updatedAt")
       VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz, now())
       ON CONFLICT ("memberId") DO UPDATE SET "teamId" = EXCLUDED."teamId",
         position = EXCLUDED.position, level = EXCLUDED.level, status = EXCLUDED.status,
         "hiredAt" = EXCLUDED."hiredAt", "updatedAt" = now()`,
      entry.memberId,
      entry.teamId,
      entry.position,
      entry.level,
      entry.status,
      entry.hiredAt,
    );
  }

  countHire(teamId: string, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `INSERT INTO team_headcount ("teamId", hired, "updatedAt") VALUES ($1::uuid, 1, now())
       ON CONFLICT ("teamId") DO UPDATE SET hired = team_headcount.hired + 1, "updatedAt" = now()`,
      teamId,
    );
  }
}
