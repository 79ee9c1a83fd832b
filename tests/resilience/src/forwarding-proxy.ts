// A reverse proxy in a process of its own, as a TLS terminator or load balancer is in production:
// every request is forwarded to TARGET over one keep-alive pool, with the client's address
// appended to X-Forwarded-For. Prints `listening <url>` once bound. Run: node --import tsx <this>.
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { argv } from 'node:process';

const target = new URL(argv[2] ?? '');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

const server = createServer((req, res) => {
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
      headers: { ...req.headers, host: target.host, 'x-forwarded-for': forwardedFor },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
