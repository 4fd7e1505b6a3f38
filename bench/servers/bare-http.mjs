// Baseline A: the ceiling. A bare node:http server answering every request with a small JSON.
import { createServer } from 'node:http';

import { exitWithParent } from './exit-with-parent.mjs';

exitWithParent();
const port = Number(process.env.PORT);
const body = JSON.stringify({ status: 'ok' });
const server = createServer((req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1', () => console.log(`READY ${port}`));
