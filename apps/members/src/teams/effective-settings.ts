import {
  type OwnTeamSettings,
  ownTeamSettingsSchema,
  TEAM_SETTING_DEFAULTS,
  type TeamSettings,
  teamSettingsSchema,
} from '@salesops/members-contracts';

/** What a team sets itself, as stored. */
export function ownSettingsOf(stored: unknown): OwnTeamSettings {
  return ownTeamSettingsSchema.parse(stored ?? {});
}

/** A team's own values over what it inherits (its parent's effective settings, or the defaults). */
export function effectiveSettings(inherited: TeamSettings, own: OwnTeamSettings): TeamSettings {
  const defined = Object.fromEntries(
    Object.entries(own).filter(([, value]) => value !== undefined),
  );
  return teamSettingsSchema.parse({ ...inherited, ...defined });
}

/** Effective settings down a chain of own settings, the root first. */
export function effectiveSettingsOfChain(chain: readonly OwnTeamSettings[]): TeamSettings {
  return chain.reduce<TeamSettings>(effectiveSettings, TEAM_SETTING_DEFAULTS);
}

export interface TreeNode {
  id: string;
  parentId: string | null;
  own: OwnTeamSettings;
}

/**
 * Effective settings of every team of a subtree, given what its top inherits; nodes come parents
 * first.
 */
export function effectiveSettingsOfSubtree(
  inheritedByTop: TeamSettings,
  nodes: readonly TreeNode[],
): Map<string, TeamSettings> {
  const effective = new Map<string, TeamSettings>();
  for (const node of nodes) {
    const inherited = (node.parentId && effective.get(node.parentId)) || inheritedByTop;
    effective.set(node.id, effectiveSettings(inherited, node.own));
  }
  return effective;
}

/** Whether two effective settings differ (both come out of the schema, so in the same key order). */
export function settingsDiffer(a: TeamSettings | undefined, b: TeamSettings | undefined): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}
