import { readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { processTable, treeOf } from '../dev-scale/proc-tree';
import { cpuMicrosOf } from '../vs-sample/processes';

/** CPU µs used so far by each process of the stack, and which service it belongs to. */
export type CpuReading = ReadonlyMap<number, { readonly service: string; readonly micros: number }>;

/**
 * The service a process of the stack belongs to: the app folder it runs in (web, orders-api,
 * profile-api, local-idp: the stack starts each in its own), or its command (redis-server).
 */
function serviceOf(pid: number, comm: string): string | undefined {
  if (comm.startsWith('redis')) return 'redis';
  try {
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    // The driver's own helpers (tsx's esbuild service, autocannon clients) run in its folder.
    return cwd === process.cwd() ? undefined : basename(cwd);
  } catch {
    return comm;
  }
}

/**
 * The CPU of every process `root` (the bench's driver) started and that still runs, except the
 * driver itself, its helpers and Chromium (signed in, then idle on about:blank during the load).
 */
export function readStackCpu(root: number): CpuReading {
  const reading = new Map<number, { service: string; micros: number }>();
  for (const p of treeOf(root, processTable())) {
    if (p.pid === root || /chrom/i.test(p.comm)) continue;
    try {
      const service = serviceOf(p.pid, p.comm);
      if (service) reading.set(p.pid, { service, micros: cpuMicrosOf(p.pid) });
    } catch {
      // Exited while we looked (an autocannon client, say).
    }
  }
  return reading;
}

/** CPU µs used between two readings, by service, over the processes present in both. */
export function cpuBetween(before: CpuReading, after: CpuReading): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [pid, now] of after) {
    const then = before.get(pid);
    if (!then) continue;
    used[now.service] = (used[now.service] ?? 0) + now.micros - then.micros;
  }
  return used;
}
