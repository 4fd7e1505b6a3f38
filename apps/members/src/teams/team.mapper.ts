import { type Team, teamSettingsSchema } from '@salesops/members-contracts';

import type { Team as TeamRow } from '../generated/prisma/client';

export function toTeam(row: TeamRow): Team {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Team['kind'],
    parentId: row.parentId,
    leaderId: row.leaderId,
    viceLeaderId: row.viceLeaderId,
    settings: teamSettingsSchema.parse(row.settings),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
