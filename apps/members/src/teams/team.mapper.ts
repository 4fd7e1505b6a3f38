import type { Team, TeamSettings } from '@salesops/members-contracts';

import type { Team as TeamRow } from '../generated/prisma/client';
import { ownSettingsOf } from './effective-settings';

export function toTeam(row: TeamRow, settings: TeamSettings): Team {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Team['kind'],
    parentId: row.parentId,
    leaderId: row.leaderId,
    viceLeaderId: row.viceLeaderId,
    settings,
    ownSettings: ownSettingsOf(row.settings),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
