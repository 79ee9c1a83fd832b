import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { loadavg } from 'node:os';
import { measureTree, processTable, treeOf, type ProcEntry, type TreeMemory } from './proc-tree';
import type { Service } from './repo-copy';
import { stopTree, type StopResult } from './stopper';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface StartOptions {
  readonly repo: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly services: readonly Service[];
  readonly logFile: string;
  readonly timeoutMs: number;
  /** How long after "all healthy" the second memory sample is taken. */
  readonly settleMs: number;
  readonly log: (line: string) => void;
}

export interface StartResult {
  /** Seconds from spawning `pnpm dev` to each service's first 200 on /healthz. */
  readonly healthySeconds: Readonly<Record<string, number>>;
  /** The slowest service's; undefined when one never answered before the timeout. */
  readonly allHealthySeconds: number | undefined;
  readonly atHealthy: TreeMemory | undefined;
  readonly afterSettle: TreeMemory | undefined;
  readonly load: { readonly start: number; readonly healthy: number; readonly end: number };
  readonly stop: StopResult;
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://localhost:${port}/healthz`, {
      signal: AbortSignal.timeout(2_000),
    });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts `pnpm dev` in the copy as a session leader (so its whole tree can be found and stopped),
 * polls every service's GET /healthz on its registry port, samples the tree's memory once all
 * answer and again `settleMs` later, then stops it with Ctrl-C (SIGINT to the group).
 */
export async function measureStart(options: StartOptions): Promise<StartResult> {
  const out = createWriteStream(options.logFile);
  const loadStart = loadavg()[0]!;
  const started = performance.now();
  const child = spawn('pnpm', ['run', 'dev', ...options.args], {
    cwd: options.repo,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const root = child.pid!;
  const seen = new Map<number, ProcEntry>();
  const remember = () => {
    const tree = treeOf(root, processTable());
    for (const entry of tree) seen.set(entry.pid, entry);
    return tree;
  };
  let exited = false;
  child.once('exit', () => (exited = true));

  const healthySeconds: Record<string, number> = {};
  const pending = new Set(options.services);
  const deadline = Date.now() + options.timeoutMs;
  let lastReport = 0;
  try {
    while (pending.size && Date.now() < deadline && !exited) {
      remember();
      await Promise.all(
        [...pending].map(async (service) => {
          if (await healthy(service.port)) {
            healthySeconds[service.serviceName] = (performance.now() - started) / 1000;
            pending.delete(service);
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      if (elapsed - lastReport >= 15 && pending.size) {
        lastReport = elapsed;
        options.log(
          `  ${elapsed.toFixed(0)} s: waiting for ${[...pending].map((s) => s.serviceName).join(', ')}`,
        );
      }
      if (pending.size) await sleep(250);
    }
    const allHealthy = pending.size === 0;
    const loadHealthy = loadavg()[0]!;
    const atHealthy = allHealthy ? measureTree(remember()) : undefined;
    if (allHealthy) await sleep(options.settleMs);
    const afterSettle = allHealthy ? measureTree(remember()) : undefined;
    const loadEnd = loadavg()[0]!;
    const stop = await stopTree(root, seen);
    out.end();
    return {
      healthySeconds,
      allHealthySeconds: allHealthy ? Math.max(...Object.values(healthySeconds)) : undefined,
      atHealthy,
      afterSettle,
      load: { start: loadStart, healthy: loadHealthy, end: loadEnd },
      stop,
    };
  } catch (error) {
    await stopTree(root, seen);
    out.end();
    throw error;
  }
}
