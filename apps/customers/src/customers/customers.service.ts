import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { Clock } from '@salesops/calendar';
import {
  type Customer,
  type CustomerReach,
  CustomersEvents,
  CustomersRpc,
  type CustomerStage,
} from '@salesops/customers-contracts';
import { appendToOutbox, envelopeOf } from '@salesops/messaging';
import {
  isUniqueViolation,
  runIdempotent,
  FieldCipher,
  toPage,
  UnitOfWork,
  type Work,
} from '@salesops/persistence';
import {
  contactOptionsOf,
  hiddenFields,
  inScope,
  listContactOptionsOf,
  queryViewerOf,
} from '@salesops/policy';
import {
  DomainError,
  type IdentityClaims,
  type RpcReply,
  type RpcRequest,
  personOf,
  reachOf,
} from '@salesops/rpc';

import { OrganisationRepository } from '../organisation/organisation.repository';
import { toCustomer } from './customer.mapper';
import { canSeeCustomer, presentCustomer } from './customer.presenter';
import { stageAfter, type StageMove } from './customer-stage';
import { type CustomerRow, CustomersRepository, type HistoryEntry } from './customers.repository';
import { toE164 } from './phone-number';

type CreateInput = RpcRequest<typeof CustomersRpc.createCustomer>['input'];

/** Who may own customers: the sales line and customer service, not operations or staff roles. */
const OWNING_POSITIONS: readonly string[] = [
  'sales_rep',
  'vice_leader',
  'team_leader',
  'manager',
  'director',
  'customer_service',
];

@Injectable()
export class CustomersService {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(CustomersRepository) private readonly customers: CustomersRepository,
    @Inject(OrganisationRepository) private readonly organisation: OrganisationRepository,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Registers a lead for its owner (the caller, or a member of the caller's reach). */
  async create(
    { idempotencyKey: key, input }: RpcRequest<typeof CustomersRpc.createCustomer>,
    identity: IdentityClaims,
  ): Promise<Customer> {
    const scope = `${identity.caller.id}:${CustomersRpc.createCustomer.subject}`;
    const customer =
      key === null
        ? await this.register(input, identity)
        : await this.unitOfWork.run((work) =>
            runIdempotent(work, { scope, key, request: input, cipher: this.cipher }, () =>
              this.register(input, identity, work),
            ),
          );
    return presentCustomer(customer, identity);
  }

  /** A new lead in one statement with its history and event; a known phone or WeChat id is 409. */
  async register(input: CreateInput, identity: IdentityClaims, work?: Work): Promise<Customer> {
    const phone = normalisedPhone(input.phone, 'input.phone');
    const { ownerId, teamId } = await this.ownerOf(input.ownerId, identity, work);
    const id = randomUUID();
    const registeredBy = personOf(identity);
    const createdAt = this.clock.now();
    // A new customer's row starts at version 1 (the column's default).
    const created = envelopeOf(
      CustomersEvents.customerCreated,
      id,
      {
        customerId: id,
        ownerId,
        teamId,
        version: 1,
        registeredBy,
        channel: input.channel,
        intent: input.intent,
        stage: 'lead',
        createdAt: createdAt.toISOString(),
      },
      1,
    );
    const row = await this.customers
      .create(
        {
          id,
          type: input.type,
          name: input.name,
          phone,
          wechatId: input.wechatId,
          email: input.email,
          address: input.address,
          birthday: input.birthday,
          channel: input.channel,
          intent: input.intent,
          tags: input.tags,
          ownerId,
          teamId,
          registeredBy,
          registeredTeamId: teamId,
          createdAt,
        },
        created,
        work,
      )
      .catch((error: unknown) => this.duplicateOr(error, { phone, wechatId: input.wechatId }));
    return toCustomer(row);
  }

  async get(
    { id, contact }: RpcRequest<typeof CustomersRpc.getCustomer>,
    identity: IdentityClaims,
  ) {
    const customer = toCustomer(await this.reachable(id, identity));
    const record = { teamId: customer.teamId, ownerId: customer.ownerId };
    const options = contactOptionsOf('customer', identity, record, contact);
    if (!options) throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
    return presentCustomer(customer, identity, options);
  }

  /** Who owns a customer in the caller's reach; out of reach is not found, as for `get`. */
  async reach(
    { id }: RpcRequest<typeof CustomersRpc.customerReach>,
    identity: IdentityClaims,
  ): Promise<CustomerReach> {
    const row = await this.customers.findOwnership(id);
    if (!row || !canSeeCustomer(row, identity)) throw new DomainError('CUSTOMER_NOT_FOUND');
    return { ...row, stage: row.stage as CustomerStage };
  }

  async list(
    query: RpcRequest<typeof CustomersRpc.listCustomers>,
    identity: IdentityClaims,
  ): Promise<RpcReply<typeof CustomersRpc.listCustomers>> {
    // A rep reaches only their own customers, customer service only its team's.
    const viewer = {
      ...queryViewerOf(identity),
      isOwner: identity.scope.kind === 'own',
      sameTeam: identity.scope.kind === 'team',
    };
    const hidden = hiddenFields('customer', viewer);
    const refused = query.phone !== undefined && hidden.includes('phone') ? ['phone'] : [];
    if (refused.length > 0) throw new DomainError('FIELD_NOT_FILTERABLE', undefined, { refused });
    const options = listContactOptionsOf('customer', identity, query.contact);
    if (!options) throw new DomainError('CONTACT_CLEAR_FORBIDDEN');
    const phone = query.phone === undefined ? undefined : normalisedPhone(query.phone, 'phone');
    const rows = await this.customers.list(
      { ...query, phone: phone ?? undefined },
      reachOf(identity),
    );
    const field = query.sort.replace(/^-/, '') as 'createdAt' | 'lastContactAt' | 'nextFollowUpAt';
    const page = toPage(rows.map(toCustomer), query.limit, (customer) => customer[field]);
    return {
      ...page,
      items: page.items.map((customer) => presentCustomer(customer, identity, options)),
    };
  }

  async update(
    { id, expectedVersion, patch }: RpcRequest<typeof CustomersRpc.updateCustomer>,
    identity: IdentityClaims,
  ): Promise<Customer> {
    const phone =
      patch.phone === undefined ? undefined : normalisedPhone(patch.phone, 'patch.phone');
    const row = await this.unitOfWork
      .run(async (work) => {
        await this.reachable(id, identity, work);
        return this.customers.update(
          id,
          expectedVersion,
          { ...patch, ...(phone === undefined ? {} : { phone }) },
          work,
        );
      })
      .catch((error: unknown) =>
        this.duplicateOr(error, { phone: phone ?? null, wechatId: patch.wechatId ?? null }),
      );
    return presentCustomer(toCustomer(row), identity);
  }

  async history({ id }: RpcRequest<typeof CustomersRpc.customerHistory>, identity: IdentityClaims) {
    await this.reachable(id, identity);
    const rows = await this.customers.history(id);
    return {
      items: rows.map((row) => ({
        kind: row.kind as 'stage' | 'owner',
        from: row.fromValue,
        to: row.toValue,
        reason: row.reason,
        by: row.by,
        at: row.at.toISOString(),
      })),
    };
  }

  /** A change of stage by hand (lost, dormant, reopened, advanced, won), on the customer's history. */
  async move(
    request: { id: string; expectedVersion: number | null; reason?: string },
    move: StageMove,
    identity: IdentityClaims,
  ): Promise<Customer> {
    const row = await this.unitOfWork.run(async (work) => {
      const current = await this.reachable(request.id, identity, work);
      if (request.expectedVersion !== null && request.expectedVersion !== current.version) {
        throw new DomainError('VERSION_MISMATCH');
      }
      return this.changeStage(current, move, identity, work, request.reason ?? null);
    });
    return presentCustomer(toCustomer(row), identity);
  }

  /**
   * Moves the customer's stage as `move` says, with its history and events, in the caller's unit
   * of work; a move the stage does not allow is 409.
   */
  async changeStage(
    current: CustomerRow,
    move: StageMove,
    identity: IdentityClaims,
    work: Work,
    reason: string | null = null,
    also: Parameters<CustomersRepository['change']>[1] = {},
  ): Promise<CustomerRow> {
    const from = current.stage as CustomerStage;
    const to = stageAfter(from, move);
    if (to === null)
      throw new DomainError('CUSTOMER_STAGE_NOT_ALLOWED', undefined, { stage: from });
    const changed = to !== from;
    const history: HistoryEntry[] = changed
      ? [{ kind: 'stage', fromValue: from, toValue: to, reason, by: personOf(identity) }]
      : [];
    const stageReason = to === 'lost' || to === 'dormant' ? reason : null;
    const row = await this.customers.change(
      current,
      { ...also, ...(changed ? { stage: to, stageReason } : {}) },
      history,
      work,
    );
    if (changed) {
      const facts = {
        customerId: row.id,
        ownerId: row.ownerId,
        teamId: row.teamId,
        version: row.version,
      };
      const at = this.clock.now().toISOString();
      await appendToOutbox(
        work,
        CustomersEvents.stageChanged,
        row.id,
        { ...facts, from, to, changedAt: at },
        row.version,
      );
      if (to === 'won') {
        await appendToOutbox(
          work,
          CustomersEvents.customerWon,
          row.id,
          { ...facts, wonAt: at },
          row.version,
        );
      }
    }
    return row;
  }

  /** Gives a customer to another member of the caller's reach; the owners' history is kept. */
  async transfer(
    { id, expectedVersion, input }: RpcRequest<typeof CustomersRpc.transfer>,
    identity: IdentityClaims,
  ): Promise<Customer> {
    const row = await this.unitOfWork.run(async (work) => {
      const current = await this.reachable(id, identity, work);
      if (expectedVersion !== null && expectedVersion !== current.version) {
        throw new DomainError('VERSION_MISMATCH');
      }
      const { ownerId, teamId } = await this.ownerOf(input.ownerId, identity, work);
      if (ownerId === current.ownerId) {
        throw new DomainError('CUSTOMER_OWNER_INVALID', 'The customer already has this owner');
      }
      const changed = await this.customers.change(
        current,
        { ownerId, teamId },
        [
          {
            kind: 'owner',
            fromValue: current.ownerId,
            toValue: ownerId,
            reason: input.reason,
            by: personOf(identity),
          },
        ],
        work,
      );
      await appendToOutbox(
        work,
        CustomersEvents.customerTransferred,
        changed.id,
        {
          customerId: changed.id,
          ownerId,
          teamId,
          version: changed.version,
          fromOwnerId: current.ownerId,
          fromTeamId: current.teamId,
          handoverId: null,
          transferredAt: this.clock.now().toISOString(),
        },
        changed.version,
      );
      return changed;
    });
    return presentCustomer(toCustomer(row), identity);
  }

  /** A customer within the caller's reach; one out of reach answers as not found. */
  async reachable(id: string, identity: IdentityClaims, work?: Work): Promise<CustomerRow> {
    const row = await this.customers.findById(id, work);
    if (!row || !canSeeCustomer(row, identity)) throw new DomainError('CUSTOMER_NOT_FOUND');
    return row;
  }

  /**
   * The owner a customer goes to and their team: a current member of the caller's reach, or the
   * caller themself when none is named.
   */
  private async ownerOf(
    requested: string | undefined,
    identity: IdentityClaims,
    work?: Work,
  ): Promise<{ ownerId: string; teamId: string }> {
    const ownerId = requested ?? identity.caller.memberId;
    if (!ownerId) {
      throw new DomainError('CUSTOMER_OWNER_INVALID', 'Name the owner: the caller is no member');
    }
    const member = await this.organisation.member(ownerId, work);
    const teamId =
      member?.teamId ?? (ownerId === identity.caller.memberId ? identity.caller.teamId : null);
    if (
      !teamId ||
      member?.status === 'departed' ||
      (member && !OWNING_POSITIONS.includes(member.position)) ||
      !inScope(identity.scope, { teamId, ownerId })
    ) {
      throw new DomainError('CUSTOMER_OWNER_INVALID', undefined, { ownerId });
    }
    return { ownerId, teamId };
  }

  /** A unique violation on a blind index is a duplicate, named by the holder's team only. */
  private async duplicateOr(
    error: unknown,
    contact: { phone: string | null; wechatId: string | null },
  ): Promise<never> {
    if (!isUniqueViolation(error, 'phoneIndex') && !isUniqueViolation(error, 'wechatIndex')) {
      throw error;
    }
    const holder = await this.customers.findByContact(contact);
    const team = holder ? await this.organisation.team(holder.teamId) : null;
    throw new DomainError('CUSTOMER_DUPLICATE', undefined, {
      teamId: holder?.teamId ?? null,
      teamName: team?.name ?? null,
    });
  }
}

/** A phone in E.164, or a field error naming where it was given. */
function normalisedPhone(raw: string | null, path: string): string | null {
  if (raw === null) return null;
  const phone = toE164(raw);
  if (phone === null) {
    throw new DomainError('VALIDATION_FAILED', undefined, undefined, [
      { path, message: 'not a phone number: a Chinese mobile or landline, or +country and number' },
    ]);
  }
  return phone;
}
