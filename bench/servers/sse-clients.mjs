// Issue 17's stream clients: CLIENTS connections to the gateway's GET /events/stream, each reading
// server-sent events and taking, for every envelope, now − its `time` (the moment the benchmark
// published it, same machine clock). GET /stats on PORT gives the counts and percentiles.
import { createServer, request } from 'node:http';

import { percentiles } from '../lib/percentiles.mjs';
import { exitWithParent } from './exit-with-parent.mjs';

exitWithParent();
const { URL: STREAM_URL, TOKEN, PORT } = process.env;
const CLIENTS = Number(process.env.CLIENTS ?? 100);
const latencies = [];
const counts = new Array(CLIENTS).fill(0);
let connected = 0;
let failures = 0;

function open(index) {
  const req = request(
    STREAM_URL,
    { headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' } },
    (res) => {
      if (res.statusCode !== 200) {
        failures += 1;
        res.resume();
        return;
      }
      connected += 1;
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (!data) continue;
          const now = Date.now();
          const event = JSON.parse(data);
          latencies.push(now - Date.parse(event.time));
          counts[index] += 1;
        }
      });
      res.on('close', () => (connected -= 1));
    },
  );
  req.on('error', () => (failures += 1));
  req.end();
}
for (let i = 0; i < CLIENTS; i += 1) open(i);

createServer((req, res) => {
  const reset = req.url === '/reset';
  const body = {
    connected,
    failures,
    received: latencies.length,
    perClient: { min: Math.min(...counts), max: Math.max(...counts) },
    latencyMs: percentiles(latencies),
  };
  if (reset) {
    latencies.length = 0;
    counts.fill(0);
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}).listen(Number(PORT), '127.0.0.1', () => console.log('READY'));
