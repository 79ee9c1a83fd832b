import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sumCounts, type Counts } from './counts';

const counter = join(import.meta.dirname, 'sqlite-counter.mjs');

/** NODE_OPTIONS that load sqlite-counter.mjs into every Node process web starts, writing to `dir`. */
export function sqliteCounterNodeOptions(dir: string): string {
  const url = pathToFileURL(counter);
  url.searchParams.set('dir', dir);
  return `--import=${url.href}`;
}

/** The SQLite calls counted so far, summed over the processes that wrote to `dir`. */
export function readSqliteCounts(dir: string): Counts {
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  return sumCounts(
    files.map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Counts),
  );
}

/** sqlite-counter.mjs writes every 200 ms: a reading waits longer than that for the last calls. */
export const sqliteFlushMs = 500;
