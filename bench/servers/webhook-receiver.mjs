// Issue 17's webhook receivers: one node:http server answering POST /hook/<n> for every
// subscriber with 204, keeping per subscriber the event ids it got (to find losses and repeats)
// and, per delivery, now − the envelope's `time` (the publish moment, same machine clock).
// GET /stats gives them.
import { createServer } from 'node:http';

import { percentiles } from '../lib/percentiles.mjs';
import { exitWithParent } from './exit-with-parent.mjs';

exitWithParent();
const hooks = new Map();
const latencies = [];
let deliveries = 0;

createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        deliveries,
        hooks: Object.fromEntries(
          [...hooks].map(([hook, { ids, repeats }]) => [hook, { unique: ids.size, repeats }]),
        ),
        latencyMs: percentiles(latencies),
      }),
    );
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const now = Date.now();
    const hook = req.url;
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    deliveries += 1;
    const seen = hooks.get(hook) ?? { ids: new Set(), repeats: 0 };
    hooks.set(hook, seen);
    if (seen.ids.has(event.id)) seen.repeats += 1;
    else {
      seen.ids.add(event.id);
      latencies.push(now - Date.parse(event.time));
    }
    res.statusCode = 204;
    res.end();
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('READY'));
