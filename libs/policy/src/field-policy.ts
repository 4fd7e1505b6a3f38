import { FIELD_RULES, type FieldRule, type Resource } from './field-classes';
import { MASKS } from './masks';
import type { Role } from './roles';

/** Who is looking, and how they stand to the record being shown. */
export interface Viewer {
  roles: readonly Role[];
  /** The viewer owns the record: it is about them, or they are its owner rep. */
  isOwner: boolean;
  /** The record is within the viewer's data scope. */
  inScope: boolean;
  /** The record belongs to the viewer's own team. */
  sameTeam: boolean;
}

export type Visibility = 'clear' | 'masked' | 'absent';

const has = (viewer: Viewer, ...roles: Role[]) => roles.some((role) => viewer.roles.includes(role));

/** The one decision of what a viewer sees of a field of a given class. */
export function visibilityOf(rule: FieldRule | undefined, viewer: Viewer): Visibility {
  if (!rule) return has(viewer, 'admin') ? 'clear' : 'absent';
  switch (rule.class) {
    case 'internal':
      return 'clear';
    case 'contact':
      return viewer.isOwner ||
        has(viewer, 'director') ||
        (viewer.inScope && has(viewer, 'manager', 'team_leader', 'vice_leader')) ||
        (viewer.sameTeam && has(viewer, 'customer_service'))
        ? 'clear'
        : 'masked';
    case 'financial':
      return has(viewer, 'finance', 'director') || (viewer.inScope && has(viewer, 'manager'))
        ? 'clear'
        : 'absent';
    case 'personnel':
      return viewer.isOwner ||
        has(viewer, 'hr', 'director') ||
        (!rule.money && viewer.inScope && has(viewer, 'manager', 'team_leader', 'vice_leader'))
        ? 'clear'
        : 'absent';
    case 'secret':
      return 'absent';
  }
}

/**
 * A record as the viewer may see it: clear, masked or without the field. Fields without a class
 * are dropped for all but administrators.
 */
export function present<T extends Record<string, unknown>>(
  resource: Resource,
  record: T,
  viewer: Viewer,
): Partial<T> {
  const rules: Record<string, FieldRule> = FIELD_RULES[resource];
  const shown: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    const rule = rules[field];
    const visibility = visibilityOf(rule, viewer);
    if (visibility === 'clear') shown[field] = value;
    else if (visibility === 'masked' && rule?.class === 'contact') {
      shown[field] = typeof value === 'string' ? MASKS[rule.kind](value) : value;
    }
  }
  return shown as Partial<T>;
}

/** The fields of a resource a viewer sees masked or not at all: they may not filter or sort by them. */
export function hiddenFields(resource: Resource, viewer: Viewer): string[] {
  const rules: Record<string, FieldRule> = FIELD_RULES[resource];
  return Object.entries(rules)
    .filter(([, rule]) => visibilityOf(rule, viewer) !== 'clear')
    .map(([field]) => field);
}
