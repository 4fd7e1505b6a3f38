import { Inject, Injectable } from '@nestjs/common';

import type { EventEnvelope } from '@salesops/events';
import type { Work } from '@salesops/persistence';

import { PrismaService } from '../database/prisma.service';

/** One row of the gateway's log of department events: its `seq` is the stream's event id. */
export interface LoggedEvent {
  seq: bigint;
  envelope: EventEnvelope;
}

/** Any key: only ever taken by this log's writers, for the length of their transaction. */
const LOG_LOCK = 1_700_017;

@Injectable()
export class DepartmentEventsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /**
   * Appends events once each, in the order given. Writers take turns (a lock held until their
   * commit), so ids commit in the order they are given and a reader that has seen id n never sees a
   * smaller one appear later.
   */
  async append(events: readonly EventEnvelope[], work: Work): Promise<void> {
    if (events.length === 0) return;
    const sql = this.prisma.within(work);
    await sql.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1)', LOG_LOCK);
    await sql.$executeRawUnsafe(
      `INSERT INTO department_event ("eventId", type, envelope)
       SELECT e.id, e.type, e.envelope::jsonb
       FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS e(id, type, envelope, n)
       ORDER BY e.n
       ON CONFLICT ("eventId") DO NOTHING`,
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event)),
    );
  }

  async after(seq: bigint, limit: number): Promise<LoggedEvent[]> {
    const rows = await this.prisma.departmentEvent.findMany({
      where: { seq: { gt: seq } },
      orderBy: { seq: 'asc' },
      take: limit,
      select: { seq: true, envelope: true },
    });
    return rows.map((row) => ({
      seq: row.seq,
      envelope: row.envelope as unknown as EventEnvelope,
    }));
  }

  async last(): Promise<bigint> {
    const row = await this.prisma.departmentEvent.findFirst({
      orderBy: { seq: 'desc' },
      select: { seq: true },
    });
    return row?.seq ?? 0n;
  }
}
