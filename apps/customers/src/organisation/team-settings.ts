import { TEAM_SETTING_DEFAULTS, type TeamSettings } from '@salesops/members-contracts';

/**
 * A team's effective settings as projected (org_team.settings), each key the members default until
 * the team's settings have arrived (a team projected before they were kept has none).
 */
export function teamSettingsOf(team: { settings: unknown } | null): TeamSettings {
  const projected =
    team && typeof team.settings === 'object' && team.settings !== null ? team.settings : {};
  return { ...TEAM_SETTING_DEFAULTS, ...(projected as Partial<TeamSettings>) };
}
