// A child process: one autocannon run against one URL, its result as one JSON line on stdout.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { ClientArgs, ClientResult } from './load';

const args = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as ClientArgs;
const tokens = args.tokensFile
  ? (JSON.parse(readFileSync(args.tokensFile, 'utf8')) as string[])
  : [];
// Built once, not per request: this process is the load generator, its own CPU limits the run.
const authorizations = tokens.map((token) => `Bearer ${token}`);
let next = args.tokenOffset;

const result = await autocannon({
  url: args.url + args.path,
  connections: args.connections,
  pipelining: args.pipelining,
  duration: args.seconds,
  // One token: a fixed header. A pool: the next token on every request (cold cache). None: only
  // `args.headers` (a session cookie, or nothing for an anonymous page).
  headers: {
    ...args.headers,
    ...(authorizations.length === 1 ? { authorization: authorizations[0]! } : {}),
  },
  requests:
    authorizations.length <= 1
      ? undefined
      : [
          {
            setupRequest: (req) => {
              const authorization = authorizations[next % authorizations.length]!;
              next += 1;
              return { ...req, headers: { ...req.headers, authorization } };
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
