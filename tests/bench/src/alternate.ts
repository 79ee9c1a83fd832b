import { median } from './stats';
import type { LoadSettings, RunResult } from './throughput/cases';

/** Two series measured in alternation, and how they compare. */
export interface Alternated<R extends RunResult = RunResult> {
  readonly ours: string;
  readonly theirs: string;
  readonly oursRuns: readonly R[];
  readonly theirsRuns: readonly R[];
  readonly oursRps: number;
  readonly theirsRps: number;
  /** median(ours req/s) / median(theirs req/s). */
  readonly ratio: number;
  /** The median of the ratios of runs done back to back. */
  readonly pairRatio: number;
  /** Server CPU µs per request, theirs / ours: the ratio each on a core of its own would give. */
  readonly cpuRatio: number;
  readonly oursCpuUs: number;
  readonly theirsCpuUs: number;
  readonly non2xx: number;
  readonly errors: number;
}

/**
 * A warm-up of each, then `settings.runs` pairs alternating which goes first, so that load from
 * outside (a shared machine) hits both alike. `run` does one load run of `seconds`; `tag` names
 * it (`warmup-<label>`, `<label>-<n>`) for its client file and log line.
 */
export async function alternate<R extends RunResult>(
  settings: Pick<LoadSettings, 'runs' | 'seconds' | 'warmupSeconds'>,
  labels: { readonly ours: string; readonly theirs: string },
  run: (which: 'ours' | 'theirs', seconds: number, tag: string) => Promise<R>,
): Promise<Alternated<R>> {
  await run('ours', settings.warmupSeconds, `warmup-${labels.ours}`);
  await run('theirs', settings.warmupSeconds, `warmup-${labels.theirs}`);
  const oursRuns: R[] = [];
  const theirsRuns: R[] = [];
  for (let i = 0; i < settings.runs; i++) {
    const order = i % 2 === 0 ? (['ours', 'theirs'] as const) : (['theirs', 'ours'] as const);
    for (const which of order) {
      const result = await run(which, settings.seconds, `${labels[which]}-${i + 1}`);
      (which === 'ours' ? oursRuns : theirsRuns).push(result);
    }
  }
  const rpsOf = (runs: R[]) => median(runs.map((r) => r.requestsPerSecond));
  const cpuOf = (runs: R[]) => median(runs.map((r) => r.serverCpuUsPerRequest));
  const all = [...oursRuns, ...theirsRuns];
  return {
    ours: labels.ours,
    theirs: labels.theirs,
    oursRuns,
    theirsRuns,
    oursRps: rpsOf(oursRuns),
    theirsRps: rpsOf(theirsRuns),
    ratio: rpsOf(oursRuns) / rpsOf(theirsRuns),
    pairRatio: median(
      oursRuns.map((r, i) => r.requestsPerSecond / theirsRuns[i]!.requestsPerSecond),
    ),
    cpuRatio: cpuOf(theirsRuns) / cpuOf(oursRuns),
    oursCpuUs: cpuOf(oursRuns),
    theirsCpuUs: cpuOf(theirsRuns),
    non2xx: all.reduce((n, r) => n + r.non2xx, 0),
    errors: all.reduce((n, r) => n + r.errors + r.timeouts, 0),
  };
}
