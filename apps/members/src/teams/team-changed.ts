import type { z } from 'zod';

import type { MembersEvents, Team, TeamSettings } from '@salesops/members-contracts';

type TeamChanged = z.infer<typeof MembersEvents.teamChanged.data>;

/** The team as `members.team.changed` carries it to the services that project the tree. */
export function teamChangedOf(
  team: Pick<Team, 'name' | 'kind' | 'parentId' | 'leaderId' | 'viceLeaderId'> & { id: string },
  settings: TeamSettings,
  change: TeamChanged['change'],
): TeamChanged {
  return {
    teamId: team.id,
    change,
    name: team.name,
    kind: team.kind,
    parentId: team.parentId,
    leaderId: team.leaderId,
    viceLeaderId: team.viceLeaderId,
    settings,
  };
}
