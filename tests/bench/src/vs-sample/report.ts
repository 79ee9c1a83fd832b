import { round } from '../stats';
import type { Comparison, VsSample } from './cases';

const rps = (n: number) => Math.round(n).toLocaleString('en-US');
const runs = (c: Comparison, which: 'oursRuns' | 'theirsRuns') =>
  c[which]
    .map((r) => `${rps(r.requestsPerSecond)} (${Math.round(r.serverCpuUsPerRequest)} µs)`)
    .join(' / ');

/** The (h) table: one row per Node and path, then every run. */
export function renderVsSample(results: readonly VsSample[]): string[] {
  const lines = [
    '| Node | path | ours req/s | theirs req/s | ratio of medians | median of pair ratios | server CPU µs/request, ours / theirs | ratio per CPU-second | non-2xx | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results)
    for (const c of [r.catalog, r.healthz])
      lines.push(
        `| ${r.runtime.version} | GET ${c.path}: ${c.ours} vs ${c.theirs} | ${rps(c.oursRps)} | ${rps(c.theirsRps)} | **${c.ratio.toFixed(2)}** | ${c.pairRatio.toFixed(2)} | ${round(c.oursCpuUs)} / ${round(c.theirsCpuUs)} | ${c.cpuRatio.toFixed(2)} | ${c.non2xx} | ${c.errors} |`,
      );
  lines.push('', 'Runs (req/s, and server CPU µs per request):', '');
  for (const r of results)
    for (const c of [r.catalog, r.healthz])
      lines.push(
        `- ${r.runtime.version} GET ${c.path}: ${c.ours} ${runs(c, 'oursRuns')}; ${c.theirs} ${runs(c, 'theirsRuns')}`,
      );
  return lines;
}
