import { Inject, Injectable } from '@nestjs/common';

import {
  type Application,
  type ApplicationAction,
  type ApplicationStatus,
  MembersRpc,
} from '@salesops/members-contracts';
import { contactOptionsOf, listContactOptionsOf, present, viewerOf } from '@salesops/policy';
import { runIdempotent, toPage, type Work, UnitOfWork, FieldCipher } from '@salesops/persistence';
import { DomainError, type IdentityClaims, type RpcReply, type RpcRequest } from '@salesops/rpc';

import { Reachable } from '../members/reachable';
import { MembersService } from '../members/members.service';
import { canSeeTeam, visibleTeamIds } from '../teams/team-scope';
import { rungOf } from './application-rung';
import {
  type ApplicationChange,
  type ApplicationRow,
  ApplicationsRepository,
} from './applications.repository';

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
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
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
    const application = await this.unitOfWork.run((work) =>
      runIdempotent(
        work,
        { scope, key: request.idempotencyKey, request: input, cipher: this.cipher },
        async () =>
          toApplication(
            await this.applications.create(
              { ...input, ...rungOf(input), status: 'submitted' },
              work,
            ),
          ),
      ),
    );
    return presentApplication(application, identity);
  }

  async get(
    { id, contact }: RpcRequest<typeof MembersRpc.getApplication>,
    identity: IdentityClaims,
  ): Promise<Application> {
    const application = toApplication(await this.reachable(id, identity));
    const record = { teamId: application.teamId, ownerId: null };
    const options = contactOptionsOf('application', identity, record, contact);
    if (!options) throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
    return presentApplication(application, identity, options);
  }

  async list(
    query: RpcRequest<typeof MembersRpc.listApplications>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof MembersRpc.listApplications>> {
    const rows = await this.applications.list(query, visibleTeamIds(identity));
    const page = toPage(rows.map(toApplication), query.limit, (row) => row.createdAt);
    const options = listContactOptionsOf('application', identity, query.contact);
    if (!options) throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
    return {
      ...page,
      items: page.items.map((item) => presentApplication(item, identity, options)),
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
    const row = await this.unitOfWork.run(async (work) => {
      const change = await this.record(step, current, identity, work);
      return this.applications.change(current.id, version, { ...change, status: rule.to }, work);
    });
    return presentApplication(toApplication(row), identity);
  }

  /** What a step records; hiring creates the member in probation in the same transaction. */
  private async record(
    step: ApplicationAction,
    application: ApplicationRow,
    identity: IdentityClaims,
    work: Work,
  ): Promise<ApplicationChange> {
    switch (step.action) {
      case 'screen':
        return {};
      case 'schedule-interview':
        return { interviewer: step.interviewerId, interviewAt: new Date(step.at) };
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
          work,
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
    interview:
      row.interviewer && row.interviewAt
        ? {
            interviewerId: row.interviewer,
            at: row.interviewAt.toISOString(),
            score: row.interviewScore,
            notes: row.interviewNotes,
          }
        : null,
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
  const viewer = viewerOf(identity, { teamId: application.teamId, ownerId: null }, options);
  return {
    ...present('application', application, viewer),
    interview: application.interview && present('interview', application.interview, viewer),
  } as Application;
}
