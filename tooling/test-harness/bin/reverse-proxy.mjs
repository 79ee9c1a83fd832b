// A reverse proxy in a process of its own, as a load balancer or a TLS terminator is in
// production: each request goes to the next target in turn (round robin), over keep-alive
// connections, with the client's address appended to X-Forwarded-For and the answer's target in
// X-Upstream (for tests). Prints `listening <url>` once bound.
// Usage: node reverse-proxy.mjs <target URL> [<target URL> …]
// Plain JavaScript, so that any harness can run it with `node` alone.
import { Agent, createServer, request } from 'node:http';

const targets = process.argv.slice(2).map((t) => new URL(t));
if (targets.length === 0) throw new Error('usage: reverse-proxy.mjs <target URL> [<target URL> …]');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
let next = 0;

const server = createServer((req, res) => {
  const target = targets[next];
  next = (next + 1) % targets.length;
  const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
    .filter(Boolean)
    .join(', ');
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      path: req.url,
      method: req.method,
      agent,
      headers: { ...req.headers, 'x-forwarded-for': forwardedFor },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-upstream': target.port });
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('bad gateway');
  });
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
