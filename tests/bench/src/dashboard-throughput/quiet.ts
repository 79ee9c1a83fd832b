import { setTimeout as sleep } from 'node:timers/promises';
import { cpuBetween, readStackCpu, type CpuReading } from './stack-cpu';

const windowMs = 250;
/** Quiet: the whole stack used less than a tenth of a core over the window. */
const quietMicros = windowMs * 100;

/**
 * Waits until the stack has finished what a run left in flight (autocannon stops with up to one
 * request per connection still being served) and returns the CPU reading then, so that a run's
 * tail is counted in that run and not in the next. Gives up after 15 s (a busy neighbour).
 */
export async function readWhenQuiet(root: number): Promise<CpuReading> {
  let last = readStackCpu(root);
  for (let waited = 0; waited < 15_000; waited += windowMs) {
    await sleep(windowMs);
    const now = readStackCpu(root);
    const used = Object.values(cpuBetween(last, now)).reduce((n, us) => n + us, 0);
    last = now;
    if (used < quietMicros) break;
  }
  return last;
}
