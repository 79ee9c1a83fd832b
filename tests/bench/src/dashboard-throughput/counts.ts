/** Calls by name: Redis commands (`get`, `set`…) or SQLite statements (`select`, `insert`…). */
export type Counts = Readonly<Record<string, number>>;

/** What happened between two readings of cumulative counts (names that did not move left out). */
export function countsBetween(before: Counts, after: Counts): Counts {
  const delta: Record<string, number> = {};
  for (const [name, n] of Object.entries(after)) {
    const d = n - (before[name] ?? 0);
    if (d !== 0) delta[name] = d;
  }
  return delta;
}

export function sumCounts(list: readonly Counts[]): Counts {
  const sum: Record<string, number> = {};
  for (const counts of list)
    for (const [name, n] of Object.entries(counts)) sum[name] = (sum[name] ?? 0) + n;
  return sum;
}

export const totalOf = (counts: Counts): number => Object.values(counts).reduce((n, c) => n + c, 0);

/** `get 2.00, set 1.00` per view: the busiest first. */
export function describePerView(counts: Counts, views: number): string {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0 || views === 0) return 'none';
  return rows.map(([name, n]) => `${name} ${(n / views).toFixed(2)}`).join(', ');
}
