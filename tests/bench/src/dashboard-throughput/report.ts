import { median } from '../stats';
import { describePerView, totalOf, type Counts } from './counts';
import type { StoreThroughput, ViewRun } from './cases';

const rps = (n: number) => Math.round(n).toLocaleString('en-US');
const runsOf = (runs: readonly ViewRun[]) =>
  runs
    .map((r) => `${rps(r.requestsPerSecond)} (${Math.round(r.serverCpuUsPerRequest)} µs)`)
    .join(' / ');
const unit = (s: StoreThroughput) =>
  s.sessionStore === 'redis' ? 'Redis commands' : 'SQLite statements';

/** Store calls per view: the total, then by command or statement. */
const perView = (calls: Counts, views: number) =>
  `${(totalOf(calls) / views).toFixed(2)} (${describePerView(calls, views)})`;

/** Where the stack's CPU went per request, by service, medians over the runs. */
function cpuByService(runs: readonly ViewRun[]): string {
  const services = [...new Set(runs.flatMap((r) => Object.keys(r.cpuUsByService)))];
  return services
    .map((s) => [s, median(runs.map((r) => r.cpuUsByService[s] ?? 0))] as const)
    .filter(([, us]) => us >= 1)
    .sort((a, b) => b[1] - a[1])
    .map(([s, us]) => `${s} ${Math.round(us)}`)
    .join(', ');
}

/** The (i) section of RESULTS.md (and of RESULTS.dashboard-throughput.md with `--only`). */
export function renderDashboardThroughput(results: readonly StoreThroughput[]): string[] {
  const lines = [
    '## (i) Dashboard throughput',
    '',
    "The E2E stack (`startStack`: local IdP, orders-api, profile-api, the production build of web through `pnpm start`'s script) started with the driver pinned to the server CPU, so every process of it (web, both APIs, the IdP, Redis) runs there; autocannon on the client CPU. Alice signs in through Chromium and views the dashboard once (both audiences' tokens stored); autocannon then sends her cookie on GET /dashboard (a signed-in view: session read, both API calls, the render) and nothing on GET / (the anonymous home page of the same app, also rendered per request). Runs alternate. After each run the bench waits until the stack is idle, so that the requests still in flight count in their own run. Store round trips are counted after the load, over sequential views of each page (how many: in the first column): Redis `INFO commandstats` deltas (the bench's own `INFO` left out) and, for the embedded store, the node:sqlite statements web's server ran (`sqlite-counter.mjs`, preloaded through NODE_OPTIONS). Stack CPU: every process of the stack, from /proc.",
    '',
    '| session store | dashboard views/s | anonymous GET / req/s | ratio of medians | median of pair ratios | stack CPU µs per view / per anonymous request | ratio per CPU-second | p99 ms dashboard / anonymous | non-2xx dashboard / anonymous | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of results) {
    const v = s.views;
    const c = `${s.connections} connections`;
    const p99 = (runs: readonly ViewRun[]) => median(runs.map((r) => r.latencyP99));
    const non2xx = (runs: readonly ViewRun[]) => runs.reduce((n, r) => n + r.non2xx, 0);
    lines.push(
      `| ${s.sessionStore} (${c}) | ${rps(v.oursRps)} | ${rps(v.theirsRps)} | **${v.ratio.toFixed(2)}** | ${v.pairRatio.toFixed(2)} | ${Math.round(v.oursCpuUs)} / ${Math.round(v.theirsCpuUs)} | ${v.cpuRatio.toFixed(2)} | ${p99(v.oursRuns)} / ${p99(v.theirsRuns)} | ${non2xx(v.oursRuns)} / ${non2xx(v.theirsRuns)} | ${v.errors} |`,
    );
  }
  lines.push(
    '',
    '| session store | store round trips per dashboard view | per anonymous GET / | stack CPU µs per view, by service | cookie bytes | cards filled before / after the load |',
    '| --- | --- | --- | --- | ---: | --- |',
  );
  for (const s of results)
    lines.push(
      `| ${s.sessionStore} (${unit(s)}, ${s.storeCalls.views} views of each) | ${perView(s.storeCalls.dashboard, s.storeCalls.views)} | ${perView(s.storeCalls.anonymous, s.storeCalls.views)} | ${cpuByService(s.views.oursRuns)} | ${s.cookieBytes} | ${s.cardsBefore.filled}/${s.cardsBefore.cards} / ${s.cardsAfter.filled}/${s.cardsAfter.cards} |`,
    );
  lines.push('', 'Runs (req/s, and stack CPU µs per request):', '');
  for (const s of results)
    lines.push(
      `- ${s.sessionStore}: dashboard ${runsOf(s.views.oursRuns)}; anonymous ${runsOf(s.views.theirsRuns)}`,
    );
  lines.push('');
  return lines;
}
