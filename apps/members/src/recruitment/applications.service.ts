import { Inject, Injectable } from '@nestjs/common';

import {
  type Application,
  type ApplicationAction,
  type ApplicationStatus,
  MembersRpc,
} from '@salesops/members-contracts';
import { present, viewerOf } from '@salesops/policy';
import { runIdempotent, toPage } from '@salesops/persistence';
import { DomainError, type IdentityClaims, type RpcReply, type RpcRequest } from '@salesops/rpc';

import { assertMayAskContactInClear } from '../members/clear-contact';
import { Reachable } from '../members/reachable';
import type { Tx } from '../database/prisma.service';
import type { Application as ApplicationRow } from '../generated/prisma/client';
import { MembersService } from '../members/members.service';
import { canSeeTeam, visibleTeamIds } from '../teams/team-scope';
import { type ApplicationChange, ApplicationsRepository } from './applications.repository';

/** Where each step may be taken from, and where it leads (domain.md §1, recruitment). */
const STEPS: Record<
  ApplicationAction['action'],
  { from: ApplicationStatus[]; to: ApplicationStatus }
> = {
  screen: { from: ['submitted'], to: 'screened' },
  'schedule-interview': { from: ['screened'], to: 'interview_scheduled' },
  'record-interview': { from: ['interview_scheduled'], to: 'interviewed' },
  hire: { from: ['interviewed'], to: 'hired' },
  reject: { from: ['submitted', 'screened', 'interview_scheduled', 'interviewed'], to: 'rejected' },
};

/** Candidates' applications, from submission to hiring (which creates the member) or rejection. */
@Injectable()
export class ApplicationsService {
  constructor(
    @Inject(Reachable) private readonly reach: Reachable,
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(MembersService) private readonly members: MembersService,
  ) {}

  async create(
    request: RpcRequest<typeof MembersRpc.createApplication>,
    identity: IdentityClaims,
  ): Promise<Application> {
    const { input } = request;
    await this.reach.team(input.teamId, identity);
    const scope = `${identity.caller.id}:${MembersRpc.createApplication.subject}`;
    const application = await this.applications.transaction((tx) =>
      runIdempotent(tx, { scope, key: request.idempotencyKey, request: input }, async () =>
        toApplication(await this.applications.create({ ...input, status: 'submitted' }, tx)),
      ),
    );
    return presentApplication(application, identity);
  }

  async get(id: string, identity: IdentityClaims): Promise<Application> {
    return presentApplication(toApplication(await this.reachable(id, identity)), identity);
  }

  async list(
    query: RpcRequest<typeof MembersRpc.listApplications>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof MembersRpc.listApplications>> {
    const rows = await this.applications.list(query, visibleTeamIds(identity));
    const page = toPage(rows.map(toApplication), query.limit, (row) => row.createdAt);
    if (query.contact === 'clear') assertMayAskContactInClear(identity, 'application');
    const maskContact = query.contact === 'masked';
    return {
      ...page,
      items: page.items.map((item) => presentApplication(item, identity, { maskContact })),
    };
  }

  async advance(
    request: RpcRequest<typeof MembersRpc.advanceApplication>,
    identity: IdentityClaims,
  ): Promise<Application> {
    const { step } = request;
    const current = await this.reachable(request.id, identity);
    const rule = STEPS[step.action];
    if (!rule.from.includes(current.status as ApplicationStatus)) {
      throw new DomainError('APPLICATION_STEP_NOT_ALLOWED', undefined, {
        status: current.status,
        step: step.action,
      });
    }
    const version = request.expectedVersion ?? current.version;
    const row = await this.applications.transaction(async (tx) => {
      const change = await this.record(step, current, identity, tx);
      return this.applications.change(current.id, version, { ...change, status: rule.to }, tx);
    });
    return presentApplication(toApplication(row), identity);
  }

  /** What a step records; hiring creates the member in probation in the same transaction. */
  private async record(
    step: ApplicationAction,
    application: ApplicationRow,
    identity: IdentityClaims,
    tx: Tx,
  ): Promise<ApplicationChange> {
    switch (step.action) {
      case 'screen':
        return {};
      case 'schedule-interview':
        return { interviewer: step.interviewer, interviewAt: new Date(step.interviewAt) };
      case 'record-interview':
        return { interviewScore: step.score, interviewNotes: step.notes };
      case 'reject':
        return { rejectionReason: step.reason };
      case 'hire': {
        const member = await this.members.hire(
          {
            employeeNo: step.employeeNo,
            name: application.candidateName,
            phone: application.phone,
            email: application.email,
            wechatId: null,
            teamId: application.teamId,
            position: application.position as Application['position'],
            track: application.track as Application['track'],
            level: application.level,
            hiredAt: step.hiredAt,
          },
          identity,
          tx,
        );
        return { memberId: member.id };
      }
    }
  }

  private async reachable(id: string, identity: IdentityClaims): Promise<ApplicationRow> {
    const row = await this.applications.findById(id);
    if (!row || !canSeeTeam(row.teamId, identity)) throw new DomainError('APPLICATION_NOT_FOUND');
    return row;
  }
}

function toApplication(row: ApplicationRow): Application {
  return {
    id: row.id,
    candidateName: row.candidateName,
    phone: row.phone,
    email: row.email,
    channel: row.channel as Application['channel'],
    resume: row.resume,
    teamId: row.teamId,
    position: row.position as Application['position'],
    track: row.track as Application['track'],
    level: row.level,
    status: row.status as Application['status'],
    interviewer: row.interviewer,
    interviewAt: row.interviewAt?.toISOString() ?? null,
    interviewScore: row.interviewScore,
    interviewNotes: row.interviewNotes,
    rejectionReason: row.rejectionReason,
    memberId: row.memberId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

function presentApplication(
  application: Application,
  identity: IdentityClaims,
  options: { maskContact?: boolean } = {},
): Application {
  return present(
    'application',
    application,
    viewerOf(identity, { teamId: application.teamId, ownerId: null }, options),
  ) as Application;
}
