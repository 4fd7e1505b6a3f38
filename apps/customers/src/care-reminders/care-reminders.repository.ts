import { Inject, Injectable } from '@nestjs/common';

import { type ListCareRemindersQuery, POOL_OWNER_ID } from '@salesops/customers-contracts';
import { decodeCursor, FieldCipher, sqlOf, type Work } from '@salesops/persistence';
import type { Reach } from '@salesops/rpc';

import { birthdayIndexOf, openContact } from '../customers/contact-fields';
import { PrismaService } from '../database/prisma.service';
import { notBackingOff, SHIFTED_NOW } from '../due-sweeps/due-item-kind';
import type { Prisma } from '../generated/prisma/client';

export type { CareReminder as CareReminderRow } from '../generated/prisma/client';

/** How many customers without a birthday index one pass gives one. */
const BACKFILL_BATCH = 500;

/** Who gets greetings: customers someone holds that are not lost. */
const GREETED = `c."ownerId" <> '${POOL_OWNER_ID}'::uuid AND c.stage <> 'lost'`;

function reachWhere(reach: Reach): Prisma.CareReminderWhereInput {
  if ('all' in reach) return {};
  if ('teamIds' in reach) return { teamId: { in: reach.teamIds } };
  return { ownerId: reach.ownerId ?? { in: [] } };
}

@Injectable()
export class CareRemindersRepository {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(FieldCipher) private readonly cipher: FieldCipher,
  ) {}

  /** The day's row, due at its start; nothing when it is there already. */
  scheduleDay(day: string, dueAt: Date): Promise<number> {
    return this.prisma.$executeRawUnsafe(
      `INSERT INTO care_day (day, "dueAt") VALUES ($1, $2::timestamptz) ON CONFLICT (day) DO NOTHING`,
      day,
      dueAt,
    );
  }

  /** A day that has begun (the shifted database clock) whose greetings are not made yet, locked. */
  async claimDueDay(offsetMs: number, work: Work): Promise<string | null> {
    const [row] = await sqlOf(work).$queryRawUnsafe<{ day: string }[]>(
      `SELECT day FROM care_day
       WHERE "sweptAt" IS NULL AND "dueAt" <= ${SHIFTED_NOW} AND ${notBackingOff('care-day', 'care_day.day')}
       ORDER BY "dueAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      offsetMs,
    );
    return row?.day ?? null;
  }

  async daySwept(day: string): Promise<boolean> {
    const row = await this.prisma.careDay.findUnique({ where: { day } });
    return row?.sweptAt != null;
  }

  markSwept(day: string, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `UPDATE care_day SET "sweptAt" = now() WHERE day = $1`,
      day,
    );
  }

  /**
   * A birthday greeting on `day` for every greeted customer whose birthday falls on one of
   * `monthDays`, once per customer and year.
   */
  birthdays(day: string, monthDays: string[], work?: Work): Promise<number> {
    return this.prisma.within(work).$executeRawUnsafe(
      `INSERT INTO care_reminder (id, "customerId", "ownerId", "teamId", kind, occasion, day, year)
       SELECT gen_random_uuid(), c.id, c."ownerId", c."teamId", 'birthday', 'birthday', $1, $2
       FROM customer c WHERE c."birthdayIndex" = ANY($3::text[]) AND ${GREETED}
       ON CONFLICT ("customerId", kind, occasion, year) DO NOTHING`,
      day,
      Number(day.slice(0, 4)),
      monthDays.map((monthDay) => birthdayIndexOf(this.cipher, monthDay)),
    );
  }

  /** A holiday greeting on `day` for every greeted customer, once per customer, holiday and year. */
  holiday(day: string, name: string, work: Work): Promise<number> {
    return sqlOf(work).$executeRawUnsafe(
      `INSERT INTO care_reminder (id, "customerId", "ownerId", "teamId", kind, occasion, day, year)
       SELECT gen_random_uuid(), c.id, c."ownerId", c."teamId", 'holiday', $2, $1, $3
       FROM customer c WHERE ${GREETED}
       ON CONFLICT ("customerId", kind, occasion, year) DO NOTHING`,
      day,
      name,
      Number(day.slice(0, 4)),
    );
  }

  /** Gives customers stored before birthdays were indexed their index, a batch at a time. */
  async backfillBirthdayIndexes(): Promise<number> {
    const rows = await this.prisma.customer.findMany({
      where: { birthday: { not: null }, birthdayIndex: null },
      select: { id: true, birthday: true },
      take: BACKFILL_BATCH,
    });
    for (const row of rows) {
      const { birthday } = openContact(this.cipher, row);
      if (!birthday) continue;
      await this.prisma.customer.update({
        where: { id: row.id },
        data: { birthdayIndex: birthdayIndexOf(this.cipher, birthday.slice(5, 10)) },
      });
    }
    return rows.length;
  }

  findById(id: string, work?: Work) {
    return this.prisma.within(work).careReminder.findUnique({ where: { id } });
  }

  /** Latest day first, one row more than asked, with each customer's name. */
  async list(query: ListCareRemindersQuery, reach: Reach) {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await this.prisma.careReminder.findMany({
      where: {
        AND: [
          reachWhere(reach),
          after
            ? {
                OR: [
                  { day: { lt: String(after.v) } },
                  { day: String(after.v), id: { lt: after.id } },
                ],
              }
            : {},
        ],
        status: query.status,
        ...(query.customerId ? { customerId: query.customerId } : {}),
        ...(query.ownerId ? { ownerId: query.ownerId } : {}),
      },
      orderBy: [{ day: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return this.named(rows);
  }

  /** The reminders with their customers' names (not a contact field). */
  async named<T extends { customerId: string }>(
    rows: T[],
  ): Promise<(T & { customerName: string })[]> {
    const customers = await this.prisma.customer.findMany({
      where: { id: { in: [...new Set(rows.map((row) => row.customerId))] } },
      select: { id: true, name: true },
    });
    const names = new Map(customers.map((customer) => [customer.id, customer.name]));
    return rows.map((row) => ({ ...row, customerName: names.get(row.customerId) ?? '' }));
  }

  /** Decides an open reminder; false when it was decided already. */
  async decide(id: string, status: 'done' | 'dismissed', at: Date, work: Work): Promise<boolean> {
    const { count } = await this.prisma.within(work).careReminder.updateMany({
      where: { id, status: 'open' },
      data: { status, decidedAt: at },
    });
    return count > 0;
  }

  /** The owner's open greetings of days up to `today`. */
  openFor(ownerId: string, today: string) {
    return this.prisma.careReminder
      .findMany({
        where: { ownerId, status: 'open', day: { lte: today } },
        orderBy: [{ day: 'asc' }, { id: 'asc' }],
        take: 200,
      })
      .then((rows) => this.named(rows));
  }
}
