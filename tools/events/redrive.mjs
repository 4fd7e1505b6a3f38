#!/usr/bin/env node
// Re-drives the dead letters of one consumer: each dead-lettered event is published again on its
// own subject (a new Nats-Msg-Id, the same event id, so consumers that applied it skip it through
// their inbox), then its dead letter is deleted.
//   npm run events:redrive -- <consumer>        e.g. gateway-sessions, performance-roster
// NATS: NATS_URL (default nats://127.0.0.1:4222), NATS_USER/NATS_PASS where the server wants them.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

const DEAD_LETTER_STREAM = 'SALESOPS_DEADLETTER';

export async function redrive(nc, consumer) {
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const subject = `salesops.deadletter.${consumer}`;
  const outcome = { redriven: 0, kept: [] };
  for (let seq = 1; ; ) {
    let stored;
    try {
      stored = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { next_by_subj: subject, seq });
    } catch (error) {
      if (/no message found|stream not found/i.test(String(error?.message))) return outcome;
      throw error;
    }
    if (!stored) return outcome;
    seq = stored.seq + 1;
    const letter = stored.json();
    const event = letter?.event;
    if (typeof event !== 'object' || event === null || typeof event.type !== 'string') {
      // A malformed envelope has nothing to publish again: it stays for a person to read.
      outcome.kept.push({ seq: stored.seq, reason: letter?.reason ?? 'unreadable' });
      continue;
    }
    await js.publish(`salesops.${event.type}`, JSON.stringify(event), {
      msgID: `redrive:${consumer}:${stored.seq}`,
    });
    await jsm.streams.deleteMessage(DEAD_LETTER_STREAM, stored.seq);
    outcome.redriven += 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const consumer = process.argv[2];
  if (!consumer || !/^[A-Za-z0-9_-]+$/.test(consumer)) {
    console.error('usage: npm run events:redrive -- <consumer>');
    process.exit(2);
  }
  const nc = await connect({
    servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    ...(process.env.NATS_USER ? { user: process.env.NATS_USER, pass: process.env.NATS_PASS } : {}),
  });
  try {
    const { redriven, kept } = await redrive(nc, consumer);
    console.log(`${consumer}: ${redriven} dead letters re-driven`);
    for (const { seq, reason } of kept) console.log(`  kept #${seq} (not an event): ${reason}`);
  } finally {
    await nc.close();
  }
}
