import { processTable, stillRunning, treeOf, type ProcEntry } from './proc-tree';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface StopResult {
  /** Processes still running after Ctrl-C's grace period (each then got SIGTERM, then SIGKILL). */
  readonly leftAfterInterrupt: readonly string[];
  readonly seconds: number;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/**
 * Stops what `pnpm dev` started as a developer does: Ctrl-C, i.e. SIGINT to its process group.
 * Then it checks every process it ever saw in the tree (pid and start time, so a reused pid is
 * never hit); those left get SIGTERM, then SIGKILL. Nothing outside the tree is touched.
 */
export async function stopTree(
  root: number,
  seen: Map<number, ProcEntry>,
  graceMs = 20_000,
): Promise<StopResult> {
  const started = performance.now();
  for (const entry of treeOf(root, processTable())) seen.set(entry.pid, entry);
  signal(-root, 'SIGINT');
  const alive = () => [...seen.values()].filter(stillRunning);
  const deadline = Date.now() + graceMs;
  while (alive().length && Date.now() < deadline) await sleep(200);
  const left = alive();
  for (const entry of left) signal(entry.pid, 'SIGTERM');
  const killAt = Date.now() + 5_000;
  while (alive().length && Date.now() < killAt) await sleep(200);
  for (const entry of alive()) signal(entry.pid, 'SIGKILL');
  return {
    leftAfterInterrupt: left.map((e) => `${e.pid} ${e.comm}`),
    seconds: (performance.now() - started) / 1000,
  };
}
