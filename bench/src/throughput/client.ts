// A child process: one autocannon run against one URL, its result as one JSON line on stdout.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { ClientArgs, ClientResult } from './load';

const args = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as ClientArgs;
const tokens = JSON.parse(readFileSync(args.tokensFile, 'utf8')) as string[];
let next = args.tokenOffset;
const bearer = (token: string) => `Bearer ${token}`;

const result = await autocannon({
  url: args.url + args.path,
  connections: args.connections,
  pipelining: args.pipelining,
  duration: args.seconds,
  // One token: a fixed header. A pool: the next token on every request (cold cache).
  headers: tokens.length === 1 ? { authorization: bearer(tokens[0]!) } : {},
  requests:
    tokens.length === 1
      ? undefined
      : [
          {
            setupRequest: (req) => {
              const token = tokens[next % tokens.length]!;
              next += 1;
              return { ...req, headers: { ...req.headers, authorization: bearer(token) } };
            },
          },
        ],
});

const statuses: Record<string, number> = {};
for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {}))
  statuses[code] = count ?? 0;
const out: ClientResult = {
  requestsPerSecond: result.requests.average,
  total: result.requests.total,
  sent: result.requests.sent,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  latencyP50: result.latency.p50,
  latencyP99: result.latency.p99,
  statuses,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
