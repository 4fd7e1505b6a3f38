// The floor of a write: a bare node:http server whose POST /members stores what the slice's write
// stores (the member, its first placement and its outbox row) in one SQL statement over pg. No
// gateway, NATS, Nest, Prisma, validation or auth: the least a durable member write costs here.
// The outbox row is stored as published, so the stack's relay and consumers leave it alone.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

import pg from 'pg';

import { exitWithParent } from './exit-with-parent.mjs';

exitWithParent();
const port = Number(process.env.PORT);
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  options: '-c search_path=members',
});

const INSERT = `WITH created AS (
    INSERT INTO member (id, "employeeNo", name, "teamId", position, track, level, status,
      "hiredAt", "probationEndsAt", "updatedAt")
    VALUES ($1::uuid, $2, $3, $4::uuid, $5, $6, $7, 'probation', now(), now() + interval '90 days', now())
    RETURNING *),
  placed AS (
    INSERT INTO member_placement (id, "memberId", "teamId", position, "startedAt")
    SELECT $8::uuid, id, "teamId", position, "hiredAt" FROM created),
  announced AS (
    INSERT INTO outbox_event (id, type, subject, envelope, "publishedAt")
    VALUES ($9::uuid, 'members.member.hired', $1, $10::jsonb, now()))
  SELECT * FROM created`;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const id = randomUUID();
      const { rows } = await pool.query(INSERT, [
        id,
        input.employeeNo,
        input.name,
        input.teamId,
        input.position,
        input.track,
        input.level,
        randomUUID(),
        randomUUID(),
        JSON.stringify({ memberId: id, ...input }),
      ]);
      const body = JSON.stringify(rows[0]);
      res.writeHead(201, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
});
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1', () => console.log(`READY ${port}`));
