// `pnpm --filter @repo/bench dev-scale -- --apis 2,6,10`: how `pnpm dev` scales with the number of
// APIs. In a throwaway clone it generates APIs with `pnpm gen api-service`, starts `pnpm dev`,
// times every service to its first 200 on GET /healthz, sums the memory of the process tree, and
// stops and removes everything it started. See tests/bench/README.md, "pnpm dev at scale".
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findWorkspaceRoot } from '@repo/auth-config';
import { devShellEnv } from './dev-scale.env';
import { growRegistry } from './grow';
import { measureStart, type StartResult } from './measure';
import { portsInUse } from './ports';
import { devArgsFor, devScriptOf, output, run, servicesOf } from './repo-copy';
import { renderTable, type Row } from './report';

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    apis: { type: 'string', default: '2,6,10' },
    // What to clone: this checkout's committed HEAD by default; --ref measures another commit.
    source: { type: 'string' },
    ref: { type: 'string' },
    // Each count is started this many times: the first on an empty .data (a fresh clone), the
    // others on the data the first left (a developer's second `pnpm dev`).
    starts: { type: 'string', default: '1' },
    settle: { type: 'string', default: '20' },
    timeout: { type: 'string', default: '300' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const log = (line: string) => console.error(`[dev-scale] ${line}`);
const source = flags.source ?? findWorkspaceRoot(import.meta.dirname);
const starts = Math.max(1, Number(flags.starts));
const env = devShellEnv(findWorkspaceRoot(import.meta.dirname));
const work = mkdtempSync(join(tmpdir(), 'devscale-'));
const repo = join(work, 'repo');
const rows: Row[] = [];

async function main(): Promise<void> {
  log(`cloning ${source}${flags.ref ? ` at ${flags.ref}` : ''} into ${repo}`);
  run('git', ['clone', '--quiet', source, repo], work, env);
  if (flags.ref) run('git', ['checkout', '--quiet', flags.ref], repo, env);
  const commit = output('git', ['rev-parse', '--short', 'HEAD'], repo, env);
  run('pnpm', ['install', '--prefer-offline', '--reporter=silent'], repo, env);

  for (const count of growRegistry(repo, env, flags.apis!, log)) {
    const services = servicesOf(repo, env);
    const busy = await portsInUse(services.map((s) => s.port));
    if (busy.length)
      throw new Error(`ports in use, not starting pnpm dev: ${busy.join(', ')} (stop that first)`);
    const devArgs = devArgsFor(devScriptOf(repo), services.length);
    for (let i = 0; i < starts; i += 1) {
      const cold = i === 0;
      if (cold) rmSync(join(repo, '.data'), { recursive: true, force: true });
      log(
        `${count} APIs, start ${i + 1}/${starts} (${cold ? 'empty .data' : 'existing .data'}): pnpm dev ${devArgs.join(' ')} (load ${loadavg()[0]!.toFixed(2)})`,
      );
      const result: StartResult = await measureStart({
        repo,
        args: devArgs,
        env,
        services,
        logFile: join(work, `dev-${count}-${i + 1}.log`),
        timeoutMs: Number(flags.timeout) * 1000,
        settleMs: Number(flags.settle) * 1000,
        log,
      });
      const row: Row = { commit, apis: count, cold, result };
      rows.push(row);
      log(renderTable([row]).split('\n').at(-1)!);
      if (result.allHealthySeconds === undefined)
        log(`not all healthy; log kept at ${join(work, `dev-${count}-${i + 1}.log`)}`);
      for (const p of result.afterSettle?.top ?? [])
        log(`    ${p.rssMiB.toFixed(0)} MiB  ${p.command}`);
      if (result.stop.leftAfterInterrupt.length)
        log(`Ctrl-C left ${result.stop.leftAfterInterrupt.join(', ')} (then SIGTERM/SIGKILL)`);
      const stillBusy = await portsInUse(services.map((s) => s.port));
      if (stillBusy.length)
        throw new Error(`after stopping, ports still in use: ${stillBusy.join(', ')}`);
    }
  }
}

const header = `pnpm dev at scale: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
try {
  await main();
} finally {
  const table = renderTable(rows);
  console.info(`${header}\n\n${table}`);
  if (flags.out) writeFileSync(flags.out, `${header}\n\n${table}\n`);
  const failed = rows.some((r) => r.result.allHealthySeconds === undefined);
  if (flags.keep || failed) log(`kept ${work}`);
  else if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  log(`done (load ${loadavg()[0]!.toFixed(2)})`);
}
