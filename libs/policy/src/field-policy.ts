import { FIELD_RULES, type FieldRule, type Resource } from './field-classes';
import { isMaskedContact, MASKS } from './masks';
import { inScope, type ResolvedScope } from './data-scope';
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
  /** Contact fields shown masked even where clear is allowed: lists, unless clear is asked for. */
  maskContact?: boolean;
}

/** The caller, as far as the policy needs to know them. */
export interface PolicySubject {
  caller: { roles: readonly Role[]; memberId: string | null; teamId: string | null };
  scope: ResolvedScope;
}

/** How a caller stands to one record of a team, owned by a member (or about that member). */
export function viewerOf(
  { caller, scope }: PolicySubject,
  record: { teamId: string; ownerId: string | null },
  options: { maskContact?: boolean } = {},
): Viewer {
  return {
    roles: caller.roles,
    isOwner: caller.memberId !== null && caller.memberId === record.ownerId,
    inScope: inScope(scope, record),
    sameTeam: caller.teamId !== null && caller.teamId === record.teamId,
    maskContact: options.maskContact ?? false,
  };
}

/**
 * How a caller stands to the records a query may return, for deciding what it may filter and
 * sort by: in scope, but neither theirs nor necessarily of their team.
 */
export function queryViewerOf({ caller }: PolicySubject): Viewer {
  return { roles: caller.roles, isOwner: false, inScope: true, sameTeam: false };
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
      return !viewer.maskContact &&
        (viewer.isOwner ||
          has(viewer, 'director') ||
          (viewer.inScope && has(viewer, 'manager', 'team_leader', 'vice_leader')) ||
          (viewer.sameTeam && has(viewer, 'customer_service')))
        ? 'clear'
        : 'masked';
    case 'financial':
      return has(viewer, 'finance', 'director') || (viewer.inScope && has(viewer, 'manager'))
        ? 'clear'
        : 'absent';
    case 'personnel':
      return viewer.isOwner ||
        has(viewer, 'hr', 'director') ||
        (!rule.hiddenFromLeaders &&
          viewer.inScope &&
          has(viewer, 'manager', 'team_leader', 'vice_leader'))
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

/**
 * Whether a viewer who asks for one record's contact fields in clear may have every one of them:
 * if not, the ask is refused (403) rather than answered masked as if clear had been given.
 */
export function mayReadContactInClear(resource: Resource, viewer: Viewer): boolean {
  const rules: Record<string, FieldRule> = FIELD_RULES[resource];
  const asking = { ...viewer, maskContact: false };
  return Object.values(rules).every(
    (rule) => rule.class !== 'contact' || visibilityOf(rule, asking) === 'clear',
  );
}

/** The fields of a resource a viewer sees masked or not at all: they may not filter or sort by them. */
export function hiddenFields(resource: Resource, viewer: Viewer): string[] {
  const rules: Record<string, FieldRule> = FIELD_RULES[resource];
  return Object.entries(rules)
    .filter(([, rule]) => visibilityOf(rule, viewer) !== 'clear')
    .map(([field]) => field);
}

/**
 * The contact fields of a record, as it was shown, that carry a clear value: each such read by
 * someone other than the record's owner goes to the audit trail.
 */
export function contactFieldsInClear(resource: Resource, shown: Record<string, unknown>): string[] {
  const rules: Record<string, FieldRule> = FIELD_RULES[resource];
  return Object.entries(rules).flatMap(([field, rule]) =>
    rule.class === 'contact' &&
    shown[field] !== null &&
    shown[field] !== undefined &&
    !isMaskedContact(rule.kind, shown[field])
      ? [field]
      : [],
  );
}
