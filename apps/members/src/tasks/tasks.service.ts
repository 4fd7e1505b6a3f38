import { Inject, Injectable } from '@nestjs/common';

import { type AuthorityAction, authorityCheck, type Permission } from '@salesops/policy';
import type { IdentityClaims, Task } from '@salesops/rpc';
import { CompanyCalendar } from '@salesops/calendar';

import { probationsDueBy } from '../calendar/periods';
import { canSeeMember } from '../members/member.presenter';
import { visibleTeamIds } from '../teams/team-scope';
import { type TaskMember, TasksRepository } from './tasks.repository';

/** A probation shows on the list from this many company days before it ends. */
const PROBATION_NOTICE_DAYS = 7;

/** A sanction whose approval only a director gives (domain.md §1). */
const DIRECTOR_APPROVES = new Set(['dismissal']);

/**
 * The members service's part of a person's to-do list: promotions to assess or decide, sanctions
 * to approve, leave to decide and probations to review, in the caller's scope, each only where
 * the caller could act on it (permission and authority, never a matter about themself).
 */
@Injectable()
export class TasksService {
  constructor(
    @Inject(TasksRepository) private readonly tasks: TasksRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
  ) {}

  async list(identity: IdentityClaims): Promise<Task[]> {
    const may = (permission: Permission) => identity.permissions.includes(permission);
    const within = visibleTeamIds(identity);
    const [promotions, sanctions, leave, probations] = await Promise.all([
      may('promotions:assess') || may('promotions:decide') ? this.tasks.promotions(within) : [],
      may('sanctions:approve') ? this.tasks.sanctions(within) : [],
      may('leave:approve') ? this.tasks.leave(within) : [],
      may('members:review')
        ? this.tasks.probationsEnding(
            within,
            probationsDueBy(this.calendar, new Date(), PROBATION_NOTICE_DAYS),
          )
        : [],
    ]);
    const actsOn = (member: TaskMember, action: AuthorityAction, sets: string[] = []) =>
      canSeeMember({ id: member.memberId, teamId: member.teamId }, identity) &&
      authorityCheck({
        caller: identity.caller,
        action,
        target: { memberId: member.memberId, position: member.position },
        sets,
      }) === null;
    const notIssuedBy = (issuer: string) =>
      issuer !== identity.caller.id && issuer !== identity.caller.memberId;

    return [
      ...promotions.flatMap((promotion): Task[] => {
        const assess = promotion.status === 'submitted';
        if (assess ? !may('promotions:assess') : !may('promotions:decide')) return [];
        const allowed = assess
          ? actsOn(promotion, 'assess-promotion')
          : actsOn(promotion, 'decide-promotion', [promotion.toLevel]);
        if (!allowed) return [];
        return [
          task(assess ? 'promotion.assess' : 'promotion.decide', promotion.id, 'promotion', {
            title: `${assess ? 'Assess' : 'Decide'} the promotion of ${promotion.memberName} to ${promotion.toLevel}`,
            dueAt: null,
          }),
        ];
      }),
      ...sanctions.flatMap((sanction): Task[] =>
        actsOn(sanction, 'decide-sanction') &&
        notIssuedBy(sanction.issuedBy) &&
        (!DIRECTOR_APPROVES.has(sanction.type) || may('sanctions:approve-dismissal'))
          ? [
              task('sanction.approve', sanction.id, 'sanction', {
                title: `Approve or reject the ${sanction.type} of ${sanction.memberName}`,
                dueAt: null,
              }),
            ]
          : [],
      ),
      ...leave.flatMap((request): Task[] =>
        canSeeMember({ id: request.memberId, teamId: request.teamId }, identity) &&
        request.memberId !== identity.caller.memberId
          ? [
              task('leave.decide', request.id, 'leave-request', {
                title: `Decide the leave of ${request.memberName}`,
                dueAt: request.startsOn.toISOString(),
              }),
            ]
          : [],
      ),
      ...probations.flatMap((member): Task[] =>
        actsOn(member, 'review-probation')
          ? [
              task('probation.review', member.memberId, 'member', {
                title: `Review the probation of ${member.memberName}`,
                dueAt: member.probationEndsAt.toISOString(),
              }),
            ]
          : [],
      ),
    ];
  }
}

function task(
  kind: string,
  subjectId: string,
  subjectType: string,
  { title, dueAt }: { title: string; dueAt: string | null },
): Task {
  return {
    id: `${kind}:${subjectId}`,
    kind,
    title,
    subjectType,
    subjectId,
    dueAt,
    service: 'members',
  };
}
