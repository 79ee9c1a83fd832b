// `tsx src/vs-sample/top-frames.ts <file.cpuprofile> [count]`: the functions with the most self
// time in a V8 CPU profile (node --cpu-prof), summed over their call sites, as a markdown table.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: top-frames.ts <file.cpuprofile> [count]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

/** Where a frame lives, short: the package for node_modules, the repo path for our code. */
function whereOf(url: string): string {
  if (!url) return '';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(
    path,
  );
  if (pkg) return `${pkg[1]}/${pkg[2]}`;
  return path.startsWith('/') ? relative(process.cwd(), path) : path;
}

const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const dt = profile.timeDeltas[i] ?? 0;
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${whereOf(url)}${url ? `:${lineNumber + 1}` : ''}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  total += dt;
});
const idle = ['(idle) ', '(program) ', '(garbage collector) '];
const busy = total - idle.slice(0, 1).reduce((n, k) => n + (self.get(k) ?? 0), 0);
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 20));
console.info(`| self % of busy time | self ms | function (where) |`);
console.info(`| ---: | ---: | --- |`);
for (const [key, us] of rows)
  console.info(
    `| ${((100 * us) / busy).toFixed(1)} | ${(us / 1000).toFixed(0)} | \`${key.trim()}\` |`,
  );
