import { TEAM_SETTING_DEFAULTS, type TeamSettings } from '@salesops/members-contracts';

import type { OrgTeamSettings } from '../organisation/organisation.repository';

/**
 * One of a team's effective settings as its projection holds them, or the members default while
 * the team's settings have not arrived (or hold no valid value for the key).
 */
export function settingOf<
  K extends
    | 'complaintAckHours'
    | 'complaintResolveHours'
    | 'revisitAfterDeliveryDays'
    | 'revisitEveryDays',
>(settings: OrgTeamSettings | null, key: K): TeamSettings[K] {
  const value = settings?.[key];
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? value
    : TEAM_SETTING_DEFAULTS[key];
}

/** The team's remedial course, if it names one. */
export function remedialCourseOf(settings: OrgTeamSettings | null): string | null {
  const value = settings?.['remedialCourseId'];
  return typeof value === 'string' ? value : null;
}
