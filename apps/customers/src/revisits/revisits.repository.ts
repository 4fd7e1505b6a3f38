import { Inject, Injectable } from '@nestjs/common';

import { decodeCursor, sqlOf, type Work } from '@salesops/persistence';
import type { Reach } from '@salesops/rpc';

import { reachSql } from '../complaints/complaints.repository';
import { PrismaService } from '../database/prisma.service';

/** A revisit with the owner and team of its customer now. */
export interface RevisitRow {
  id: string;
  customerId: string;
  orderId: string | null;
  previousId: string | null;
  dueAt: Date;
  status: string;
  satisfaction: number | null;
  notes: string | null;
  completedBy: string | null;
  completedAt: Date | null;
  createdAt: Date;
  ownerId: string;
  teamId: string;
  stage: string;
}

export interface RevisitFilter {
  limit: number;
  cursor?: string;
  status?: string;
  customerId?: string;
  orderId?: string;
  dueBy?: string;
}

const SELECT = `SELECT r.*, c."ownerId", c."teamId", c.stage
  FROM revisit r JOIN customer c ON c.id = r."customerId"`;

@Injectable()
export class RevisitsRepository {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** The first revisit after a delivered order; false when that order made one already. */
  async createForOrder(
    revisit: { id: string; customerId: string; orderId: string; dueAt: Date },
    work: Work,
  ): Promise<boolean> {
    const inserted = await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO revisit (id, "customerId", "orderId", "dueAt", status)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::timestamptz, 'due')
       ON CONFLICT ("orderId") DO NOTHING`,
      revisit.id,
      revisit.customerId,
      revisit.orderId,
      revisit.dueAt,
    );
    return inserted > 0;
  }

  /** The revisit after a completed one; nothing when that completion made one already. */
  async createNext(
    revisit: { id: string; customerId: string; previousId: string; dueAt: Date },
    work: Work,
  ): Promise<boolean> {
    const inserted = await sqlOf(work).$executeRawUnsafe(
      `INSERT INTO revisit (id, "customerId", "previousId", "dueAt", status)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::timestamptz, 'due')
       ON CONFLICT ("previousId") DO NOTHING`,
      revisit.id,
      revisit.customerId,
      revisit.previousId,
      revisit.dueAt,
    );
    return inserted > 0;
  }

  /** The revisit, locked until the transaction ends. */
  async lock(id: string, work: Work): Promise<RevisitRow | null> {
    const [row] = await sqlOf(work).$queryRawUnsafe<RevisitRow[]>(
      `${SELECT} WHERE r.id = $1::uuid FOR UPDATE OF r`,
      id,
    );
    return row ?? null;
  }

  async complete(
    id: string,
    done: { satisfaction: number; notes: string | null; completedBy: string; completedAt: Date },
    work: Work,
  ): Promise<void> {
    await sqlOf(work).$executeRawUnsafe(
      `UPDATE revisit SET status = 'completed', satisfaction = $2, notes = $3, "completedBy" = $4,
         "completedAt" = $5::timestamptz WHERE id = $1::uuid`,
      id,
      done.satisfaction,
      done.notes,
      done.completedBy,
      done.completedAt,
    );
  }

  /** Soonest due first, within reach, one row more than asked. */
  list(filter: RevisitFilter, reach: Reach): Promise<RevisitRow[]> {
    const values: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    where.push(reachSql(reach, (name) => `c."${name}"`, bind));
    if (filter.status) where.push(`r.status = ${bind(filter.status)}`);
    if (filter.customerId) where.push(`r."customerId" = ${bind(filter.customerId)}::uuid`);
    if (filter.orderId) where.push(`r."orderId" = ${bind(filter.orderId)}::uuid`);
    if (filter.dueBy) where.push(`r."dueAt" <= ${bind(filter.dueBy)}::timestamptz`);
    if (filter.cursor) {
      const cursor = decodeCursor(filter.cursor);
      const at = bind(new Date(String(cursor.v)));
      where.push(`(r."dueAt" > ${at}::timestamptz
        OR (r."dueAt" = ${at}::timestamptz AND r.id > ${bind(cursor.id)}::uuid))`);
    }
    return this.prisma.$queryRawUnsafe<RevisitRow[]>(
      `${SELECT} WHERE ${where.join(' AND ')}
       ORDER BY r."dueAt", r.id LIMIT ${bind(filter.limit + 1)}`,
      ...values,
    );
  }

  /** Revisits of the owner's customers due before `by`, soonest first. */
  dueOfOwner(ownerId: string, by: Date): Promise<RevisitRow[]> {
    return this.prisma.$queryRawUnsafe<RevisitRow[]>(
      `${SELECT} WHERE c."ownerId" = $1::uuid AND r.status = 'due' AND r."dueAt" < $2::timestamptz
       ORDER BY r."dueAt" LIMIT 200`,
      ownerId,
      by,
    );
  }
}
