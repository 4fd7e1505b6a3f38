import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import type { ListCustomersQuery } from '@salesops/customers-contracts';
import { type EventEnvelope, outboxInsertOf, outboxSignal } from '@salesops/messaging';
import { decodeCursor, FieldCipher, sqlOf, type Work } from '@salesops/persistence';
import { DomainError, type Reach } from '@salesops/rpc';

import { PrismaService } from '../database/prisma.service';
import type { Customer as CustomerRow, Prisma } from '../generated/prisma/client';
import { openContact, sealContact, wechatIndexOf } from './contact-fields';

/** The rows this repository returns: what services work with, never Prisma's client. */
export type {
  Customer as CustomerRow,
  CustomerHistory as CustomerHistoryRow,
} from '../generated/prisma/client';

export interface NewCustomer {
  id: string;
  type: string;
  name: string;
  phone: string | null;
  wechatId: string | null;
  email: string | null;
  address: string | null;
  birthday: string | null;
  channel: string;
  intent: string;
  tags: string[];
  ownerId: string;
  teamId: string;
  registeredBy: string;
  registeredTeamId: string;
  /** When it was registered, by the service's clock. */
  createdAt: Date;
}

export interface CustomerPatch {
  name?: string;
  phone?: string | null;
  wechatId?: string | null;
  email?: string | null;
  address?: string | null;
  birthday?: string | null;
  channel?: string;
  intent?: string;
  tags?: string[];
}

/** A change of the customer's row, applied at the version the rules were checked on. */
export interface CustomerChange {
  stage?: string;
  stageReason?: string | null;
  ownerId?: string;
  teamId?: string;
  lastContactAt?: Date;
  nextFollowUpAt?: Date | null;
}

export interface HistoryEntry {
  kind: 'stage' | 'owner';
  fromValue: string | null;
  toValue: string;
  reason: string | null;
  by: string;
}

/** Which customers a caller reaches: all, those of some teams, or those they own. */

function reachWhere(reach: Reach): Prisma.CustomerWhereInput {
  if ('all' in reach) return {};
  if ('teamIds' in reach) return { teamId: { in: reach.teamIds } };
  return { ownerId: reach.ownerId ?? { in: [] } };
}

type SortField = 'createdAt' | 'lastContactAt' | 'nextFollowUpAt';

/**
 * Keyset on (field, id) with nulls last: rows after the cursor are later values, equal values with
 * a later id, or (after a value) the rows without one.
 */
function keysetAfter(
  field: SortField,
  direction: 'asc' | 'desc',
  cursor: string | undefined,
): Prisma.CustomerWhereInput {
  if (!cursor) return {};
  const { v, id } = decodeCursor(cursor);
  const beyond = direction === 'asc' ? 'gt' : 'lt';
  if (v === null) return { [field]: null, id: { [beyond]: id } };
  const value = new Date(String(v));
  return {
    OR: [
      { [field]: { [beyond]: value } },
      { [field]: value, id: { [beyond]: id } },
      ...(field === 'createdAt' ? [] : [{ [field]: null }]),
    ],
  };
}

@Injectable()
export class CustomersRepository {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
  ) {}

  async findById(id: string, work?: Work): Promise<CustomerRow | null> {
    const row = await this.prisma.within(work).customer.findUnique({ where: { id } });
    return row && openContact(this.cipher, row);
  }

  /**
   * Who owns a customer, without its contact fields (nothing to open): one named statement, as
   * every order create asks it.
   */
  async findOwnership(
    id: string,
  ): Promise<Pick<CustomerRow, 'id' | 'ownerId' | 'teamId' | 'stage'> | null> {
    const [row] = await this.prisma.rows<Pick<CustomerRow, 'id' | 'ownerId' | 'teamId' | 'stage'>>(
      'SELECT id, "ownerId", "teamId", stage FROM customer WHERE id = $1::uuid',
      [id],
    );
    return row ?? null;
  }

  /** The customer that holds a phone (E.164) or WeChat id, whoever owns it. */
  findByContact(contact: { phone: string | null; wechatId: string | null }): Promise<{
    teamId: string;
  } | null> {
    const or: Prisma.CustomerWhereInput[] = [];
    if (contact.phone) or.push({ phoneIndex: this.cipher.blindIndex(contact.phone) });
    if (contact.wechatId) or.push({ wechatIndex: wechatIndexOf(this.cipher, contact.wechatId) });
    if (or.length === 0) return Promise.resolve(null);
    return this.prisma.customer.findFirst({ where: { OR: or }, select: { teamId: true } });
  }

  /**
   * A new customer, the start of its history and the event that announces it, in one statement.
   * The unique blind indexes refuse a second customer with the same phone or WeChat id, even when
   * two creates race.
   */
  async create(customer: NewCustomer, event: EventEnvelope, work?: Work): Promise<CustomerRow> {
    const sealed = sealContact(this.cipher, customer, customer.id);
    const outbox = outboxInsertOf(event, 21);
    const [row] = await this.prisma.within(work).$queryRawUnsafe<CustomerRow[]>(
      `WITH created AS (
         INSERT INTO customer (id, type, name, phone, "wechatId", email, address, birthday,
           "phoneIndex", "wechatIndex", channel, intent, tags, "ownerId", "teamId", stage,
           "registeredBy", "registeredTeamId", "createdAt", "updatedAt", "birthdayIndex")
         VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text[], $14::uuid,
           $15::uuid, 'lead', $16, $17::uuid, $26::timestamptz, $26::timestamptz, $25)
         RETURNING *),
       recorded AS (
         INSERT INTO customer_history (id, "customerId", kind, "fromValue", "toValue", "by")
         SELECT $18::uuid, id, 'stage', NULL, 'lead', $19 FROM created),
       owned AS (
         INSERT INTO customer_history (id, "customerId", kind, "fromValue", "toValue", "by")
         SELECT $20::uuid, id, 'owner', NULL, "ownerId"::text, $19 FROM created),
       announced AS (${outbox.sql})
       SELECT * FROM created`,
      sealed.id,
      sealed.type,
      sealed.name,
      sealed.phone,
      sealed.wechatId,
      sealed.email,
      sealed.address,
      sealed.birthday,
      sealed.phoneIndex ?? null,
      sealed.wechatIndex ?? null,
      sealed.channel,
      sealed.intent,
      sealed.tags,
      sealed.ownerId,
      sealed.teamId,
      sealed.registeredBy,
      sealed.registeredTeamId,
      randomUUID(),
      sealed.registeredBy,
      randomUUID(),
      ...outbox.values,
      sealed.birthdayIndex ?? null,
      customer.createdAt,
    );
    outboxSignal.emit('appended');
    return openContact(this.cipher, row as CustomerRow);
  }

  /** Applies the patch only at the expected version (when one is given). */
  async update(
    id: string,
    expectedVersion: number | null,
    patch: CustomerPatch,
    work: Work,
  ): Promise<CustomerRow> {
    const tx = this.prisma.within(work);
    const { count } = await tx.customer.updateMany({
      where: { id, ...(expectedVersion === null ? {} : { version: expectedVersion }) },
      data: { ...sealContact(this.cipher, patch, id), version: { increment: 1 } },
    });
    return this.afterUpdate(id, count, work);
  }

  /**
   * A change made on the version and stage the rules were checked on (a concurrent change makes
   * it `412`), with its history entries.
   */
  async change(
    current: { id: string; version: number },
    change: CustomerChange,
    history: HistoryEntry[],
    work: Work,
  ): Promise<CustomerRow> {
    const tx = this.prisma.within(work);
    const { count } = await tx.customer.updateMany({
      where: { id: current.id, version: current.version },
      data: { ...change, version: { increment: 1 } },
    });
    const row = await this.afterUpdate(current.id, count, work);
    if (history.length > 0) {
      await tx.customerHistory.createMany({
        data: history.map((entry) => ({ id: randomUUID(), customerId: current.id, ...entry })),
      });
    }
    return row;
  }

  private async afterUpdate(id: string, count: number, work: Work): Promise<CustomerRow> {
    const row = await this.findById(id, work);
    if (!row) throw new DomainError('CUSTOMER_NOT_FOUND');
    if (count === 0) throw new DomainError('VERSION_MISMATCH');
    return row;
  }

  history(customerId: string) {
    return this.prisma.customerHistory.findMany({
      where: { customerId },
      orderBy: [{ at: 'asc' }, { kind: 'desc' }],
    });
  }

  /** One page (and a row more) of the customers the caller reaches, filtered and sorted. */
  async list(query: ListCustomersQuery, reach: Reach): Promise<CustomerRow[]> {
    const field = query.sort.replace(/^-/, '') as SortField;
    const direction = query.sort.startsWith('-') ? 'desc' : 'asc';
    const rows = await this.prisma.customer.findMany({
      where: {
        AND: [reachWhere(reach), keysetAfter(field, direction, query.cursor)],
        ...(query.stage ? { stage: query.stage } : {}),
        ...(query.intent ? { intent: query.intent } : {}),
        ...(query.channel ? { channel: query.channel } : {}),
        ...(query.tag ? { tags: { has: query.tag } } : {}),
        ...(query.ownerId ? { ownerId: query.ownerId } : {}),
        ...(query.teamId ? { teamId: query.teamId } : {}),
        ...(query.dueBy ? { nextFollowUpAt: { lte: new Date(query.dueBy) } } : {}),
        ...(query.name ? { name: { startsWith: query.name, mode: 'insensitive' } } : {}),
        ...(query.phone ? { phoneIndex: this.cipher.blindIndex(query.phone) } : {}),
      },
      orderBy: [
        // Only the nullable fields take a place for nulls (last, as the keyset expects).
        { [field]: field === 'createdAt' ? direction : { sort: direction, nulls: 'last' } },
        { id: direction },
      ],
      take: query.limit + 1,
    });
    return rows.map((row) => openContact(this.cipher, row));
  }

  /** The owner's customers whose next follow-up is before `before` (today's end), soonest first. */
  dueFollowUps(
    ownerId: string,
    before: Date,
  ): Promise<{ id: string; name: string; nextFollowUpAt: Date | null }[]> {
    return this.prisma.customer.findMany({
      where: { ownerId, nextFollowUpAt: { lt: before }, stage: { notIn: ['lost', 'dormant'] } },
      select: { id: true, name: true, nextFollowUpAt: true },
      orderBy: { nextFollowUpAt: 'asc' },
      take: 200,
    });
  }

  /** Bulk outbox rows, for a change that announces many customers at once (a handover). */
  async appendMany(events: EventEnvelope[], work: Work): Promise<void> {
    if (events.length === 0) return;
    await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO outbox_event (id, type, subject, envelope)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => event.subject),
      events.map((event) => JSON.stringify(event)),
    );
    outboxSignal.emit('appended');
  }
}
