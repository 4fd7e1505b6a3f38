import type { Pool } from 'pg';

/** How many events of `type` about `subject` customers' outbox holds. */
export async function outboxCount(db: Pool, type: string, subject: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM customers.outbox_event WHERE type = $1 AND subject = $2`,
    [type, subject],
  );
  return Number(rows[0]?.n);
}
