import type { StartResult } from './measure';

export interface Row {
  readonly commit: string;
  readonly apis: number;
  /** Started on an empty .data (true) or on what an earlier start left (false). */
  readonly cold: boolean;
  readonly result: StartResult;
}

const mib = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(0));

/** One Markdown row per start: seconds to all healthy, tree memory at healthy and settled. */
export function renderTable(rows: readonly Row[]): string {
  const lines = [
    '| commit | APIs | .data | s to all healthy | slowest | RSS MiB at healthy | RSS MiB +settle | PSS MiB +settle | processes | load 1 min (start / healthy / end) | Ctrl-C stopped all |',
    '| --- | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const { commit, apis, cold, result } of rows) {
    const slowest = Object.entries(result.healthySeconds).sort((a, b) => b[1] - a[1])[0];
    const { start, healthy, end } = result.load;
    lines.push(
      `| ${commit} | ${apis} | ${cold ? 'empty' : 'kept'} | ${result.allHealthySeconds?.toFixed(1) ?? 'timeout'} | ${slowest ? slowest[0] : '–'} | ${mib(result.atHealthy?.rssMiB)} | ${mib(result.afterSettle?.rssMiB)} | ${mib(result.afterSettle?.pssMiB)} | ${result.afterSettle?.processes ?? '–'} | ${start.toFixed(2)} / ${healthy.toFixed(2)} / ${end.toFixed(2)} | ${result.stop.leftAfterInterrupt.length ? `no (${result.stop.leftAfterInterrupt.length} left)` : 'yes'} |`,
    );
  }
  return lines.join('\n');
}
