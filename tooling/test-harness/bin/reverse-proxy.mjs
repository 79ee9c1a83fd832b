// A reverse proxy in a process of its own, as a load balancer or a TLS terminator is in
// production: each request goes to the next target in turn (round robin), over keep-alive
// connections, with the client's address appended to X-Forwarded-For, X-Forwarded-Proto set,
// and the answer's target in X-Upstream (for tests). Prints `listening <url>` once bound.
// Usage: node reverse-proxy.mjs [options] <target URL> [<target URL> …]
//   --tls-cert=<file> --tls-key=<file>  terminate TLS (listen on https)
//   --drop-set-cookie=<prefix>          drop Set-Cookie headers of cookies named <prefix>…, as a
//                                       misconfigured proxy or CDN does (troubleshooting tests)
// Plain JavaScript, so that any harness can run it with `node` alone.
import { readFileSync } from 'node:fs';
import { Agent, createServer as createHttpServer, request } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

const options = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith('--'))
    .map((a) => {
      const [name, ...value] = a.slice(2).split('=');
      return [name, value.join('=')];
    }),
);
const targets = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map((t) => new URL(t));
if (targets.length === 0) throw new Error('usage: reverse-proxy.mjs [options] <target URL> …');
const tls = options['tls-cert'] && options['tls-key'];
const dropPrefix = options['drop-set-cookie'];
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
let next = 0;

function withoutDroppedCookies(headers) {
  if (!dropPrefix || !headers['set-cookie']) return headers;
  const kept = headers['set-cookie'].filter((c) => !c.trimStart().startsWith(dropPrefix));
  const { 'set-cookie': _dropped, ...rest } = headers;
  return kept.length ? { ...rest, 'set-cookie': kept } : rest;
}

function handle(req, res) {
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
      headers: {
        ...req.headers,
        'x-forwarded-for': forwardedFor,
        'x-forwarded-proto': tls ? 'https' : 'http',
      },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, {
        ...withoutDroppedCookies(answer.headers),
        'x-upstream': target.port,
      });
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('bad gateway');
  });
  req.pipe(upstream);
}

const server = tls
  ? createHttpsServer(
      { cert: readFileSync(options['tls-cert']), key: readFileSync(options['tls-key']) },
      handle,
    )
  : createHttpServer(handle);
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${tls ? 'https' : 'http'}://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
