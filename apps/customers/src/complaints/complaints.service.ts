import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { Clock, CompanyCalendar } from '@salesops/calendar';
import {
  type Complaint,
  type ComplaintReport,
  CustomersEvents,
  CustomersRpc,
} from '@salesops/customers-contracts';
import { appendToOutbox } from '@salesops/messaging';
import {
  applyEachClaimed,
  FieldCipher,
  runIdempotent,
  toPage,
  UnitOfWork,
  type Work,
} from '@salesops/persistence';
import { inScope } from '@salesops/policy';
import {
  DomainError,
  type IdentityClaims,
  type RpcReply,
  type RpcRequest,
  personOf,
  reachOf,
} from '@salesops/rpc';

import { CustomersService } from '../customers/customers.service';
import { teamSettingsOf } from '../organisation/team-settings';
import { OrganisationRepository } from '../organisation/organisation.repository';
import { toComplaint } from './complaint.mapper';
import { type ComplaintStep, needsRemedialCourse, statusAfter } from './complaint-status';
import {
  type ComplaintRow,
  ComplaintsRepository,
  type Deadline,
  type ReportCounts,
} from './complaints.repository';

/** How far back a complaint may be logged as received. */
const RECEIVED_BACK_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Who handles a team's complaints unless another is named. */
const CUSTOMER_SERVICE_POSITIONS = ['customer_service'] as const;

type StepRequest = { id: string; expectedVersion: number | null };

/**
 * Complaints: received for a customer in reach, handled by customer service of the customer's team
 * (or who is named), through `received → acknowledged → investigating → resolved → closed`, reopened
 * back to investigating. Deadlines come from the team's settings; a breach is flagged once, by the
 * sweep the moment it passes or by a late step before the sweep got to it.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(ComplaintsRepository) private readonly complaints: ComplaintsRepository,
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(OrganisationRepository) private readonly organisation: OrganisationRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
  ) {}

  async create(
    { idempotencyKey: key, input }: RpcRequest<typeof CustomersRpc.createComplaint>,
    identity: IdentityClaims,
  ): Promise<Complaint> {
    const scope = `${identity.caller.id}:${CustomersRpc.createComplaint.subject}`;
    const row = await this.unitOfWork.run((work) =>
      runIdempotent(work, { scope, key, request: input, cipher: this.cipher }, () =>
        this.receive(input, identity, work),
      ),
    );
    return row;
  }

  private async receive(
    input: RpcRequest<typeof CustomersRpc.createComplaint>['input'],
    identity: IdentityClaims,
    work: Work,
  ): Promise<Complaint> {
    const customer = await this.customers.reachable(input.customerId, identity, work);
    const handlerId = await this.handlerFor(customer, input.handlerId, work);
    const settings = teamSettingsOf(await this.organisation.team(customer.teamId, work));
    const receivedAt = this.receivedAtOf(input.receivedAt);
    const row = await this.complaints.create(
      {
        id: randomUUID(),
        customerId: customer.id,
        orderId: input.orderId,
        ownerId: customer.ownerId,
        teamId: customer.teamId,
        severity: input.severity,
        category: input.category,
        description: input.description,
        status: 'received',
        handlerId,
        receivedBy: personOf(identity),
        receivedAt,
        ackDueAt: this.calendar.dueAfterHours(receivedAt, settings.complaintAckHours),
        resolveDueAt: this.calendar.dueAfterHours(receivedAt, settings.complaintResolveHours),
      },
      work,
    );
    await appendToOutbox(
      work,
      CustomersEvents.complaintReceived,
      row.id,
      {
        ...this.factsOf(row, receivedAt),
        category: row.category,
        receivedAt: receivedAt.toISOString(),
        ackDueAt: row.ackDueAt.toISOString(),
        resolveDueAt: row.resolveDueAt.toISOString(),
      },
      row.version,
    );
    return toComplaint(row);
  }

  /** Now, or the earlier moment given (not in the future, not beyond `RECEIVED_BACK_DAYS`). */
  private receivedAtOf(given: string | undefined): Date {
    const now = this.clock.now();
    if (given === undefined) return now;
    const at = new Date(given);
    if (at > now || now.getTime() - at.getTime() > RECEIVED_BACK_DAYS * DAY_MS) {
      throw new DomainError('VALIDATION_FAILED', undefined, undefined, [
        {
          path: 'input.receivedAt',
          message: `not in the future nor more than ${RECEIVED_BACK_DAYS} days back`,
        },
      ]);
    }
    return at;
  }

  async get(
    { id }: RpcRequest<typeof CustomersRpc.getComplaint>,
    identity: IdentityClaims,
  ): Promise<Complaint> {
    return toComplaint(this.visible(await this.complaints.findById(id), identity));
  }

  async list(
    { breached, ...query }: RpcRequest<typeof CustomersRpc.listComplaints>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof CustomersRpc.listComplaints>> {
    const rows = await this.complaints.list(
      { ...query, ...(breached === undefined ? {} : { breached: breached === 'true' }) },
      reachOf(identity),
    );
    return toPage(rows.map(toComplaint), query.limit, (complaint) => complaint.receivedAt);
  }

  acknowledge(request: StepRequest, identity: IdentityClaims): Promise<Complaint> {
    return this.step(request, 'acknowledge', identity, async (current, now, work) => {
      const late = now > current.ackDueAt;
      const row = await this.complaints.change(
        current.id,
        { status: 'acknowledged', acknowledgedAt: now, ackBreached: current.ackBreached || late },
        work,
      );
      await appendToOutbox(
        work,
        CustomersEvents.complaintAcknowledged,
        row.id,
        { ...this.factsOf(row, now), acknowledgedAt: now.toISOString(), late },
        row.version,
      );
      if (late && !current.ackBreached) await this.announceBreach(row, 'ack', now, work);
      return row;
    });
  }

  investigate(request: StepRequest, identity: IdentityClaims): Promise<Complaint> {
    return this.step(request, 'investigate', identity, (current, _now, work) =>
      this.complaints.change(current.id, { status: 'investigating' }, work),
    );
  }

  resolve(
    { input, ...request }: RpcRequest<typeof CustomersRpc.resolveComplaint>,
    identity: IdentityClaims,
  ): Promise<Complaint> {
    return this.step(request, 'resolve', identity, async (current, now, work) => {
      const responsible = await this.organisation.member(input.responsibleMemberId, work);
      if (!responsible) {
        throw new DomainError('COMPLAINT_RESPONSIBLE_INVALID', undefined, {
          responsibleMemberId: input.responsibleMemberId,
        });
      }
      // Only the first resolution answers the deadline; one after a reopening does not.
      const late = current.resolvedAt === null && now > current.resolveDueAt;
      const row = await this.complaints.change(
        current.id,
        {
          status: 'resolved',
          resolvedAt: now,
          resolution: input.resolution,
          rootCauseCategory: input.rootCause.category,
          rootCauseNotes: input.rootCause.notes,
          responsibleMemberId: input.responsibleMemberId,
          resolveBreached: current.resolveBreached || late,
        },
        work,
      );
      const remedialCourseId = needsRemedialCourse(input.rootCause.category)
        ? teamSettingsOf(await this.organisation.team(row.teamId, work)).remedialCourseId
        : null;
      await appendToOutbox(
        work,
        CustomersEvents.complaintResolved,
        row.id,
        {
          ...this.factsOf(row, now),
          rootCauseCategory: input.rootCause.category,
          responsibleMemberId: input.responsibleMemberId,
          remedialCourseId,
          resolvedAt: now.toISOString(),
          late,
        },
        row.version,
      );
      if (late && !current.resolveBreached) await this.announceBreach(row, 'resolve', now, work);
      return row;
    });
  }

  close(
    { input, ...request }: RpcRequest<typeof CustomersRpc.closeComplaint>,
    identity: IdentityClaims,
  ): Promise<Complaint> {
    return this.step(request, 'close', identity, async (current, now, work) => {
      const row = await this.complaints.change(
        current.id,
        { status: 'closed', closedAt: now, satisfaction: input.satisfaction },
        work,
      );
      await appendToOutbox(
        work,
        CustomersEvents.complaintClosed,
        row.id,
        {
          ...this.factsOf(row, now),
          satisfaction: input.satisfaction,
          closedAt: now.toISOString(),
        },
        row.version,
      );
      return row;
    });
  }

  reopen(
    { input, ...request }: RpcRequest<typeof CustomersRpc.reopenComplaint>,
    identity: IdentityClaims,
  ): Promise<Complaint> {
    return this.step(request, 'reopen', identity, (current, _now, work) =>
      this.complaints.change(
        current.id,
        {
          status: 'investigating',
          closedAt: null,
          reopenCount: current.reopenCount + 1,
          reopenReason: input.reason,
        },
        work,
      ),
    );
  }

  /** Complaints received in a company month within reach, counted in SQL. */
  async report(
    { period, teamId }: RpcRequest<typeof CustomersRpc.complaintReport>,
    identity: IdentityClaims,
  ): Promise<ComplaintReport> {
    const range = this.calendar.monthRange(period);
    const scope = reachOf(identity);
    const [byRootCause, byTeam, bySeverity] = await Promise.all(
      (['rootCause', 'team', 'severity'] as const).map((group) =>
        this.complaints.report(group, range, scope, teamId),
      ),
    );
    const all = byTeam ?? [];
    const total = lineOf({
      key: 'total',
      received: sum(all, 'received'),
      ackBreached: sum(all, 'ackBreached'),
      resolveBreached: sum(all, 'resolveBreached'),
    });
    return {
      period,
      total,
      byRootCause: (byRootCause ?? []).map((counts) => ({
        category: counts.key as ComplaintReport['byRootCause'][number]['category'],
        ...lineOf(counts),
      })),
      byTeam: all.map((counts) => ({ teamId: counts.key, ...lineOf(counts) })),
      bySeverity: (bySeverity ?? []).map((counts) => ({
        severity: counts.key as ComplaintReport['bySeverity'][number]['severity'],
        ...lineOf(counts),
      })),
    };
  }

  /**
   * Flags the breaches whose deadline has passed (by the database clock, moved as this service's
   * clock is), each in its own transaction, claimed once whichever instance sweeps; one that fails
   * waits for its own next attempt. The number flagged and the number failed.
   */
  async flagDueBreaches(): Promise<{ flagged: number; failed: number }> {
    const { done, failed } = await applyEachClaimed(this.unitOfWork, {
      claim: (work) => this.complaints.claimBreach(this.clock.offsetMs(), work),
      apply: (due, work) => this.flag(due.id, due.deadline, work),
      failed: async (due, error) => {
        await this.complaints.breachFailed(
          due.id,
          error instanceof Error ? error.message : String(error),
        );
      },
    });
    return { flagged: done.length, failed };
  }

  private async flag(id: string, deadline: Deadline, work: Work): Promise<void> {
    const row = await this.complaints.change(
      id,
      deadline === 'ack'
        ? { ackBreached: true, breachAttempts: 0, breachRetryAt: null, breachError: null }
        : { resolveBreached: true, breachAttempts: 0, breachRetryAt: null, breachError: null },
      work,
    );
    await this.announceBreach(row, deadline, this.clock.now(), work);
  }

  private async announceBreach(
    row: ComplaintRow,
    deadline: Deadline,
    now: Date,
    work: Work,
  ): Promise<void> {
    await appendToOutbox(
      work,
      CustomersEvents.complaintBreached,
      row.id,
      {
        ...this.factsOf(row, now),
        deadline,
        dueAt: (deadline === 'ack' ? row.ackDueAt : row.resolveDueAt).toISOString(),
      },
      row.version,
    );
  }

  /**
   * One step of the state machine on a complaint the caller reaches and handles, at the `If-Match`
   * version, in one transaction with its event.
   */
  private async step(
    { id, expectedVersion }: StepRequest,
    step: ComplaintStep,
    identity: IdentityClaims,
    apply: (current: ComplaintRow, now: Date, work: Work) => Promise<ComplaintRow>,
  ): Promise<Complaint> {
    const row = await this.unitOfWork.run(async (work) => {
      const current = this.visible(await this.complaints.lock(id, work), identity);
      this.assertHandles(current, identity);
      if (expectedVersion !== null && expectedVersion !== current.version) {
        throw new DomainError('VERSION_MISMATCH');
      }
      if (statusAfter(current.status as Complaint['status'], step) === null) {
        throw new DomainError('COMPLAINT_STATUS_NOT_ALLOWED', undefined, {
          status: current.status,
          step,
        });
      }
      return apply(current, this.clock.now(), work);
    });
    return toComplaint(row);
  }

  /**
   * A complaint within reach: of the caller's own customers (a rep), their team's (customer
   * service), their subtree's (leaders), or one they handle; any other answers as not found.
   */
  private visible(row: ComplaintRow | null, identity: IdentityClaims): ComplaintRow {
    if (
      !row ||
      !(
        inScope(identity.scope, { teamId: row.teamId, ownerId: row.ownerId }) ||
        row.handlerId === identity.caller.memberId
      )
    ) {
      throw new DomainError('COMPLAINT_NOT_FOUND');
    }
    return row;
  }

  /** The handler, customer service of the team and leaders in reach handle it; a rep reads only. */
  private assertHandles(row: ComplaintRow, identity: IdentityClaims): void {
    if (row.handlerId === identity.caller.memberId) return;
    if (identity.scope.kind === 'own' || identity.scope.kind === 'none') {
      throw new DomainError('COMPLAINT_NOT_HANDLER');
    }
  }

  /**
   * The handler: the one named, a current member of the customer's team; else customer service of
   * that team (the one with the fewest open complaints), else the customer's owner.
   */
  private async handlerFor(
    customer: { id: string; teamId: string; ownerId: string },
    named: string | undefined,
    work: Work,
  ): Promise<string> {
    if (named !== undefined) {
      const member = await this.organisation.member(named, work);
      if (!member || member.status === 'departed' || member.teamId !== customer.teamId) {
        throw new DomainError('COMPLAINT_HANDLER_INVALID', undefined, { handlerId: named });
      }
      return named;
    }
    const service = await this.organisation.membersOf(
      customer.teamId,
      CUSTOMER_SERVICE_POSITIONS,
      work,
    );
    return service[0]?.memberId ?? customer.ownerId;
  }

  private factsOf(row: ComplaintRow, at: Date) {
    return {
      complaintId: row.id,
      customerId: row.customerId,
      ownerId: row.ownerId,
      teamId: row.teamId,
      orderId: row.orderId,
      handlerId: row.handlerId,
      severity: row.severity as Complaint['severity'],
      period: this.calendar.monthOf(at),
      version: row.version,
    };
  }
}

function sum(rows: ReportCounts[], field: 'received' | 'ackBreached' | 'resolveBreached'): number {
  return rows.reduce((total, row) => total + row[field], 0);
}

function lineOf(counts: ReportCounts) {
  const rate = (count: number) =>
    counts.received === 0 ? 0 : Math.round((count / counts.received) * 10_000) / 10_000;
  return {
    received: counts.received,
    ackBreached: counts.ackBreached,
    resolveBreached: counts.resolveBreached,
    ackBreachRate: rate(counts.ackBreached),
    resolveBreachRate: rate(counts.resolveBreached),
  };
}
