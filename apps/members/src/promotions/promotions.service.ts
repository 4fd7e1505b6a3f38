import { Inject, Injectable } from '@nestjs/common';

import { CompanyCalendar } from '@salesops/calendar';
import { appendToOutbox } from '@salesops/messaging';
import {
  LEVEL_LADDERS,
  MembersEvents,
  type MembersRpc,
  type Promotion,
} from '@salesops/members-contracts';
import { present, viewerOf } from '@salesops/policy';
import { runIdempotent, toPage, type Work, UnitOfWork, FieldCipher } from '@salesops/persistence';
import { PerformanceRpc } from '@salesops/performance-contracts';
import {
  type CallContext,
  DomainError,
  type IdentityClaims,
  RpcClient,
  type RpcReply,
  type RpcRequest,
  personOf,
} from '@salesops/rpc';
import { TrainingRpc } from '@salesops/training-contracts';

import { evidenceSinceOf, noticeEndOf } from '../calendar/periods';
import { Reachable } from '../members/reachable';
import { requireAuthority } from '../members/authority';
import { canSeeMember } from '../members/member.presenter';
import { type MemberRow, MembersRepository } from '../members/members.repository';
import { visibleTeamIds } from '../teams/team-scope';
import type { SweepKind } from '../sweeps/sweep-kind';
import { TeamsRepository } from '../teams/teams.repository';
import { MemberRecordsRepository } from '../records/member-records.repository';
import { type PromotionRow, PromotionsRepository } from './promotions.repository';
import { storedEvidenceOf } from './stored-evidence';

const EVIDENCE_MONTHS = 6;

/**
 * Promotions (domain.md §1): the applicant's leader assesses, a manager or above who is not the
 * applicant decides, the approved promotion is on public notice, objections go to HR or a
 * director, and the level changes when the notice ends.
 */
@Injectable()
export class PromotionsService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
    @Inject(Reachable) private readonly reach: Reachable,
    @Inject(PromotionsRepository) private readonly promotions: PromotionsRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(MemberRecordsRepository) private readonly records: MemberRecordsRepository,
    @Inject(CompanyCalendar) private readonly calendar: CompanyCalendar,
    @Inject(RpcClient) private readonly rpc: RpcClient,
  ) {}

  async apply(
    request: RpcRequest<typeof MembersRpc.applyForPromotion>,
    identity: IdentityClaims,
    context: CallContext,
  ): Promise<Promotion> {
    const { input } = request;
    const member = await this.reach.activeMember(input.memberId, identity);
    const refusal = promotionLevelRefusalOf(member, input.toLevel);
    if (refusal) throw new DomainError(refusal, undefined, { nextLevel: nextLevelOf(member) });
    const evidence = await this.evidenceOf(member.id, context);
    const scope = `${identity.caller.id}:apply-promotion`;
    const row = await this.unitOfWork.run((work) =>
      runIdempotent(
        work,
        { scope, key: request.idempotencyKey, request: input, cipher: this.cipher },
        async () => {
          await this.promotions.lockMember(member.id, work);
          if ((await this.promotions.countOpen(member.id, work)) > 0) {
            throw new DomainError('PROMOTION_ALREADY_OPEN');
          }
          return toPromotion(
            await this.promotions.create(
              {
                memberId: member.id,
                teamId: member.teamId,
                track: member.track,
                fromLevel: member.level,
                toLevel: input.toLevel,
                status: 'submitted',
                appliedBy: personOf(identity),
                reason: input.reason,
                evidence,
              },
              work,
            ),
          );
        },
      ),
    );
    return presentPromotion(row, identity);
  }

  async get(
    { id }: RpcRequest<typeof MembersRpc.getPromotion>,
    identity: IdentityClaims,
  ): Promise<Promotion> {
    const { promotion } = await this.reachable(id, identity);
    return presentPromotion(toPromotion(promotion), identity);
  }

  async list(
    query: RpcRequest<typeof MembersRpc.listPromotions>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof MembersRpc.listPromotions>> {
    const rows = (await this.promotions.list(query, visibleTeamIds(identity))).filter(
      (row) => identity.scope.kind !== 'own' || row.memberId === identity.scope.memberId,
    );
    const page = toPage(rows.map(toPromotion), query.limit, (row) => row.createdAt);
    return { ...page, items: page.items.map((item) => presentPromotion(item, identity)) };
  }

  async assess(
    request: RpcRequest<typeof MembersRpc.assessPromotion>,
    identity: IdentityClaims,
  ): Promise<Promotion> {
    const { promotion, member } = await this.reachable(request.id, identity);
    requireAuthority(identity, 'assess-promotion', member);
    this.expectStatus(promotion, 'submitted', 'assess');
    const row = await this.unitOfWork.run((work) =>
      this.promotions.change(
        promotion.id,
        request.expectedVersion ?? promotion.version,
        {
          status: 'assessed',
          assessment: { ...request.input, assessedBy: personOf(identity) },
        },
        work,
      ),
    );
    return presentPromotion(toPromotion(row), identity);
  }

  /** Approval puts the promotion on public notice for the team's notice days. */
  async decide(
    request: RpcRequest<typeof MembersRpc.decidePromotion>,
    identity: IdentityClaims,
  ): Promise<Promotion> {
    const { promotion, member } = await this.reachable(request.id, identity);
    // Approving or rejecting, a promotion to a level is decided only by someone above it.
    requireAuthority(identity, 'decide-promotion', member, [promotion.toLevel]);
    this.expectStatus(promotion, 'assessed', request.decision);
    const approve = request.decision === 'approve';
    const { promotionNoticeDays: noticeDays } = await this.teams.effectiveSettingsOf(
      promotion.teamId,
    );
    const decidedAt = new Date();
    const row = await this.unitOfWork.run((work) =>
      this.promotions.change(
        promotion.id,
        request.expectedVersion ?? promotion.version,
        approve
          ? {
              status: 'in_notice',
              decidedBy: personOf(identity),
              decidedAt,
              decisionReason: request.reason,
              noticeEndsAt: noticeEndOf(this.calendar, decidedAt, noticeDays),
            }
          : {
              status: 'rejected',
              decidedBy: personOf(identity),
              decidedAt,
              decisionReason: request.reason,
            },
        work,
      ),
    );
    return presentPromotion(toPromotion(row), identity);
  }

  /** Any member who can see the promotion may object while it is on notice. */
  async object(
    request: RpcRequest<typeof MembersRpc.objectToPromotion>,
    identity: IdentityClaims,
  ): Promise<Promotion> {
    const { promotion } = await this.reachable(request.id, identity, { publicNotice: true });
    this.expectStatus(promotion, 'in_notice', 'object');
    const row = await this.unitOfWork.run(async (work) => {
      await this.promotions.addObjection(
        promotion.id,
        personOf(identity),
        request.input.reason,
        work,
      );
      return this.promotions.change(promotion.id, promotion.version, {}, work);
    });
    return presentPromotion(toPromotion(row), identity);
  }

  /** An upheld objection rejects the promotion; a dismissed one lets the notice run out. */
  async finalize(
    request: RpcRequest<typeof MembersRpc.finalizePromotion>,
    identity: IdentityClaims,
  ): Promise<Promotion> {
    const { promotion, member } = await this.reachable(request.id, identity);
    requireAuthority(identity, 'finalize-promotion', member);
    this.expectStatus(promotion, 'in_notice', 'finalize');
    const objection = promotion.objections.find(
      (candidate) => candidate.id === request.input.objectionId && candidate.status === 'open',
    );
    if (!objection) {
      throw new DomainError('VALIDATION_FAILED', 'No open objection with this id', undefined, [
        { path: 'body.objectionId', message: 'not an open objection of this promotion' },
      ]);
    }
    if (objection.filedBy === personOf(identity)) throw new DomainError('SELF_DECISION');
    const row = await this.unitOfWork.run(async (work) => {
      await this.promotions.ruleOnObjection(
        objection.id,
        request.input.upheld ? 'upheld' : 'dismissed',
        work,
      );
      return this.promotions.change(
        promotion.id,
        request.expectedVersion ?? promotion.version,
        request.input.upheld
          ? {
              status: 'rejected',
              decidedBy: personOf(identity),
              decidedAt: new Date(),
              decisionReason: `Objection upheld: ${objection.reason}`,
            }
          : {},
        work,
      );
    });
    return presentPromotion(toPromotion(row), identity);
  }

  /**
   * Makes effective every promotion whose notice has ended without an open objection: the level
   * changes and members.promotion.effective is published, in one transaction per promotion.
   * Safe to run from several instances at once.
   */
  /** Promotions whose notice ended (by the database clock) with no objection open. */
  readonly dueSweep: SweepKind = {
    name: 'promotion-effective',
    claim: (work) => this.promotions.claimDue(work),
    apply: (id, work) => this.applyPromotion(id, new Date(), work),
  };

  private async applyPromotion(id: string, now: Date, work: Work): Promise<void> {
    const promotion = (await this.promotions.findById(id, work)) as PromotionRow;
    const member = (await this.members.findById(promotion.memberId, work)) as MemberRow;
    await this.promotions.change(
      id,
      promotion.version,
      { status: 'effective', effectiveAt: now },
      work,
    );
    const promoted =
      member.status === 'departed'
        ? member
        : await this.members.changeStatus(
            member.id,
            member.version,
            { level: promotion.toLevel },
            work,
          );
    await appendToOutbox(
      work,
      MembersEvents.promotionEffective,
      member.id,
      {
        promotionId: id,
        memberId: member.id,
        teamId: member.teamId,
        track: promotion.track as 'management' | 'professional',
        fromLevel: promotion.fromLevel,
        toLevel: promotion.toLevel,
        effectiveAt: now.toISOString(),
      },
      promoted.version,
    );
  }

  /** The last six months of the member's file, compiled when the application is submitted. */
  private async evidenceOf(memberId: string, context: CallContext): Promise<object> {
    const now = new Date();
    const since = evidenceSinceOf(this.calendar, now, EVIDENCE_MONTHS);
    const kpis = await this.rpc
      .call(
        PerformanceRpc.probationKpis,
        { memberId, from: since.toISOString(), to: now.toISOString() },
        context,
      )
      .then((reply) =>
        reply.status === 'available'
          ? {
              status: reply.status,
              kpis: reply.kpis.map(({ belowFloor: _belowFloor, ...kpi }) => kpi),
            }
          : { status: reply.status },
      )
      .catch(() => ({ status: 'unavailable' as const }));
    const certificates = await this.certificatesSince(memberId, since, context);
    const records = (await this.records.ofMember(memberId)).filter(
      (record) => record.createdAt >= since && record.status === 'issued',
    );
    const of = (kind: string) =>
      records
        .filter((record) => record.kind === kind)
        .map((record) => ({ type: record.type, at: record.createdAt.toISOString() }));
    return {
      since: since.toISOString(),
      commendations: of('commendation'),
      sanctions: of('sanction'),
      ...(certificates ? { certificates } : {}),
      kpis,
    };
  }

  /** The member's certificates since `since`, asked of training for the caller; null if it cannot say. */
  private async certificatesSince(memberId: string, since: Date, context: CallContext) {
    const page = await this.rpc
      .call(TrainingRpc.listCertificates, { memberId, limit: 100 }, context)
      .catch(() => null);
    return (
      page?.items
        .filter((certificate) => new Date(certificate.issuedAt) >= since)
        .map(({ number, courseTitle, issuedAt }) => ({ number, courseTitle, issuedAt })) ?? null
    );
  }

  private expectStatus(promotion: PromotionRow, status: string, step: string): void {
    if (promotion.status !== status) {
      throw new DomainError('PROMOTION_STEP_NOT_ALLOWED', undefined, {
        status: promotion.status,
        step,
      });
    }
  }

  /** A promotion the caller may act on; one on public notice is also open to its whole team. */
  private async reachable(
    id: string,
    identity: IdentityClaims,
    { publicNotice = false } = {},
  ): Promise<{ promotion: PromotionRow; member: MemberRow }> {
    const promotion = await this.promotions.findById(id);
    const member = promotion && (await this.members.findById(promotion.memberId));
    const onNotice =
      publicNotice &&
      promotion?.status === 'in_notice' &&
      promotion.teamId === identity.caller.teamId;
    if (!promotion || !member || !(onNotice || canSeeMember(member, identity))) {
      throw new DomainError('PROMOTION_NOT_FOUND');
    }
    return { promotion, member };
  }
}

/** The next level on the member's ladder, or none at the top. */
export function nextLevelOf(member: { track: string; level: string }): string | null {
  const ladders: readonly (readonly string[])[] =
    LEVEL_LADDERS[member.track as keyof typeof LEVEL_LADDERS] ?? [];
  const ladder = ladders.find((steps) => steps.includes(member.level));
  return ladder?.[ladder.indexOf(member.level) + 1] ?? null;
}

/**
 * Why a promotion to `toLevel` is refused: a level above the next one on the member's ladder is a
 * skip; any other level but the next (the same, a lower one, another ladder's) is not the next.
 */
export function promotionLevelRefusalOf(
  member: { track: string; level: string },
  toLevel: string,
): 'PROMOTION_LEVEL_SKIPPED' | 'PROMOTION_LEVEL_NOT_NEXT' | null {
  if (nextLevelOf(member) === toLevel) return null;
  const ladders: readonly (readonly string[])[] =
    LEVEL_LADDERS[member.track as keyof typeof LEVEL_LADDERS] ?? [];
  const ladder = ladders.find((steps) => steps.includes(member.level)) ?? [];
  return ladder.indexOf(toLevel) > ladder.indexOf(member.level) + 1
    ? 'PROMOTION_LEVEL_SKIPPED'
    : 'PROMOTION_LEVEL_NOT_NEXT';
}

function toPromotion(row: PromotionRow): Promotion {
  return {
    id: row.id,
    memberId: row.memberId,
    teamId: row.teamId,
    track: row.track as Promotion['track'],
    fromLevel: row.fromLevel,
    toLevel: row.toLevel,
    status: row.status as Promotion['status'],
    appliedBy: row.appliedBy,
    reason: row.reason,
    assessment: toAssessment(row.assessment as StoredAssessment | null),
    evidence: storedEvidenceOf(row.evidence),
    decision:
      row.decidedBy && row.decidedAt
        ? { by: row.decidedBy, at: row.decidedAt.toISOString(), reason: row.decisionReason }
        : null,
    noticeEndsAt: row.noticeEndsAt?.toISOString() ?? null,
    effectiveAt: row.effectiveAt?.toISOString() ?? null,
    objections: row.objections.map((objection) => ({
      id: objection.id,
      filedBy: objection.filedBy,
      reason: objection.reason,
      status: objection.status as 'open' | 'upheld' | 'dismissed',
    })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The assessment as stored: who assessed is kept as `assessedBy`. */
type StoredAssessment = Omit<NonNullable<Promotion['assessment']>, 'by'> & { assessedBy: string };

function toAssessment(stored: StoredAssessment | null): Promotion['assessment'] {
  if (!stored) return null;
  const { assessedBy, ...scores } = stored;
  return { ...scores, by: assessedBy };
}

function presentPromotion(promotion: Promotion, identity: IdentityClaims): Promotion {
  const viewer = viewerOf(identity, { teamId: promotion.teamId, ownerId: promotion.memberId });
  return {
    ...present('promotion', promotion, viewer),
    objections: promotion.objections.map(
      (objection) => present('objection', objection, viewer) as Promotion['objections'][number],
    ),
  } as Promotion;
}
