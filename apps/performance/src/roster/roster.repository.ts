import { Injectable } from '@nestjs/common';

import { sqlOf, type Work } from '@salesops/persistence';

/** The advisory lock that orders facts and placements (a fixed key of this service's own). */
export const PLACEMENT_LOCK = 7_301_442;

/**
 * What one members event says of a member, by aspect, with the member's version it was true at
 * (the event's `subjectVersion`); an aspect the event does not set is left out.
 */
export interface RosterChange {
  memberId: string;
  version: number;
  hiredAt?: Date;
  status?: string;
  placement?: { teamId: string; position: string };
  level?: string;
  name?: string | null;
}

/** A team as `members.team.changed` tells it. */
export interface TeamChange {
  teamId: string;
  name: string;
  kind: string;
  parentId: string | null;
  settings: object;
}

/**
 * Written once per members event, so in plain SQL: Prisma's upsert costs several times the CPU
 * of the statement it sends (measured in bench/).
 */
@Injectable()
export class RosterRepository {
  /**
   * Applies each aspect the change sets only over an older version of it: a late event (a nak'd
   * one overtaken, two relays interleaving) leaves the newer state as it is. One statement; the
   * row lock it takes orders two consumers applying events of one member side by side.
   */
  apply(change: RosterChange, work: Work): Promise<number> {
    const versionOf = (given: unknown) => (given === undefined ? 0 : change.version);
    return sqlOf(work).$executeRawUnsafe(
      `INSERT INTO roster_member AS r ("memberId", "hiredAt", status, "statusVersion", "teamId",
         position, "placementVersion", level, "levelVersion", name, "updatedAt")
       VALUES ($1::uuid, $2::timestamptz, $3, $4, $5::uuid, $6, $7, $8, $9, $10, now())
       ON CONFLICT ("memberId") DO UPDATE SET
         name = COALESCE(EXCLUDED.name, r.name),
         "hiredAt" = COALESCE(r."hiredAt", EXCLUDED."hiredAt"),
         status = CASE WHEN EXCLUDED."statusVersion" > r."statusVersion"
                       THEN EXCLUDED.status ELSE r.status END,
         "statusVersion" = GREATEST(r."statusVersion", EXCLUDED."statusVersion"),
         "teamId" = CASE WHEN EXCLUDED."placementVersion" > r."placementVersion"
                         THEN EXCLUDED."teamId" ELSE r."teamId" END,
         position = CASE WHEN EXCLUDED."placementVersion" > r."placementVersion"
                         THEN EXCLUDED.position ELSE r.position END,
         "placementVersion" = GREATEST(r."placementVersion", EXCLUDED."placementVersion"),
         level = CASE WHEN EXCLUDED."levelVersion" > r."levelVersion"
                      THEN EXCLUDED.level ELSE r.level END,
         "levelVersion" = GREATEST(r."levelVersion", EXCLUDED."levelVersion"),
         "updatedAt" = now()`,
      change.memberId,
      change.hiredAt ?? null,
      change.status ?? null,
      versionOf(change.status),
      change.placement?.teamId ?? null,
      change.placement?.position ?? null,
      versionOf(change.placement),
      change.level ?? null,
      versionOf(change.level),
      change.name ?? null,
    );
  }

  /**
   * Where the member was placed from `validFrom` on, at that member version; once per version. The
   * member's facts from `validFrom` on take their team and position from the placements again: a
   * fact applied before its member's placement arrived (the streams are consumed side by side)
   * ends as the rebuild, which replays members first, makes it. The lock waits for facts being
   * written to commit, so none escapes the re-placing.
   */
  async recordPlacement(
    memberId: string,
    version: number,
    validFrom: Date,
    placement: { teamId: string; position: string },
    work: Work,
  ): Promise<number> {
    await sqlOf(work).$queryRawUnsafe(
      `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${PLACEMENT_LOCK})) AS l`,
    );
    const inserted = await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO roster_placement ("memberId", version, "validFrom", "teamId", position)
       VALUES ($1::uuid, $2, $3::timestamptz, $4::uuid, $5) ON CONFLICT DO NOTHING`,
      memberId,
      version,
      validFrom,
      placement.teamId,
      placement.position,
    );
    if (inserted > 0) {
      await sqlOf(work).$executeRawUnsafe(
        `UPDATE kpi_event_fact f SET ("teamId", position) = (
           SELECT rp."teamId", rp.position FROM roster_placement rp
           WHERE rp."memberId" = f."memberId" AND rp."validFrom" <= f."occurredAt"
           ORDER BY rp."validFrom" DESC, rp.version DESC LIMIT 1)
         WHERE f."memberId" = $1::uuid AND f."occurredAt" >= $2::timestamptz`,
        memberId,
        validFrom,
      );
    }
    return inserted;
  }

  /** The team as its last event tells it (each carries the team whole). */
  applyTeam(team: TeamChange, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `INSERT INTO org_team ("teamId", name, kind, "parentId", settings, "updatedAt")
       VALUES ($1::uuid, $2, $3, $4::uuid, $5::jsonb, now())
       ON CONFLICT ("teamId") DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
         "parentId" = EXCLUDED."parentId", settings = EXCLUDED.settings, "updatedAt" = now()`,
      team.teamId,
      team.name,
      team.kind,
      team.parentId,
      JSON.stringify(team.settings),
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
