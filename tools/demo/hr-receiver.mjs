#!/usr/bin/env node
// The demo HR department's webhook receiver (started by `npm start`): checks each delivery's
// signature and time, answers 200 once per event id, and logs what arrived as JSON lines.
//   DEMO_HR_RECEIVER_PORT (3901), SALESOPS_DEMO_PASSWORD (the secret is derived from it, as the
//   demo seed derives it: apps/gateway/src/demo/demo-departments.ts)
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const port = Number(process.env.DEMO_HR_RECEIVER_PORT || 3901);
const password = process.env.SALESOPS_DEMO_PASSWORD || 'salesops-demo';
const secret = `whsec_${createHash('sha256').update(`salesops demo hr webhook ${password}`).digest('base64url')}`;
const seen = new Set();

function verify(header, rawBody, toleranceSeconds = 300) {
  const { t, v1 } = Object.fromEntries(
    String(header)
      .split(',')
      .map((part) => part.split('=')),
  );
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(v1 ?? '', 'hex');
  return (
    given.length === expected.length &&
    timingSafeEqual(given, expected) &&
    Math.abs(Date.now() / 1000 - Number(t)) <= toleranceSeconds
  );
}

createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (!verify(request.headers['x-salesops-signature'], body)) {
      response.writeHead(401).end('bad signature');
      return;
    }
    const eventId = request.headers['x-salesops-event-id'];
    const event = JSON.parse(body);
    const duplicate = seen.has(eventId);
    seen.add(eventId);
    process.stdout.write(
      `${JSON.stringify({ at: new Date().toISOString(), eventId, type: event.type, subject: event.subject, duplicate, data: event.data })}\n`,
    );
    response.writeHead(200).end('ok');
  });
}).listen(port, '127.0.0.1', () => process.stdout.write(`HR receiver on :${port}\n`));
