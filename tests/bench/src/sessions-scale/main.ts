// `pnpm --filter @repo/bench sessions-scale -- --apis 2,6,10`: what a signed-in dashboard costs as
// APIs are added (issue 17). In a throwaway clone it generates APIs with `pnpm gen api-service`
// (each adds its dashboard card), builds web, and runs measure-here.ts there: session cookie bytes,
// token-endpoint calls over steady views, statuses and filled cards. Removes the clone after.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findWorkspaceRoot } from '@repo/auth-config';
import { devShellEnv } from '../dev-scale/dev-scale.env';
import { growRegistry } from '../dev-scale/grow';
import { output, run } from '../dev-scale/repo-copy';
import { renderSessionsTable } from './report';
import type { SteadyViews } from './steady-views';

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    apis: { type: 'string', default: '2,6,10' },
    views: { type: 'string', default: '5' },
    source: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const log = (line: string) => console.error(`[sessions-scale] ${line}`);
const source = flags.source ?? findWorkspaceRoot(import.meta.dirname);
const env = devShellEnv(findWorkspaceRoot(import.meta.dirname));
const work = mkdtempSync(join(tmpdir(), 'sessions-scale-'));
const repo = join(work, 'repo');
const rows: SteadyViews[] = [];

/** The JSON line measure-here.ts prints last, from the clone's own bench package. */
function measureInClone(views: string): SteadyViews {
  const stdout = output(
    'pnpm',
    ['--filter', '@repo/bench', 'exec', 'tsx', 'src/sessions-scale/measure-here.ts', views],
    repo,
    env,
  );
  return JSON.parse(stdout.split('\n').at(-1)!) as SteadyViews;
}

async function main(): Promise<void> {
  log(`cloning ${source} into ${repo}`);
  run('git', ['clone', '--quiet', source, repo], work, env);
  run('pnpm', ['install', '--prefer-offline', '--reporter=silent'], repo, env);
  for (const count of growRegistry(repo, env, flags.apis!, log)) {
    log(`${count} APIs: building web`);
    run(
      'pnpm',
      ['turbo', 'run', 'build', '--filter=@repo/web', '--output-logs=errors-only'],
      repo,
      env,
    );
    log(`${count} APIs: signing in and counting ${flags.views} steady dashboard views`);
    const row = measureInClone(flags.views!);
    rows.push(row);
    log(renderSessionsTable([row]).split('\n').at(-1)!);
  }
}

const header = `Sessions at scale: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
try {
  await main();
} finally {
  const table = renderSessionsTable(rows);
  console.info(`${header}\n\n${table}`);
  if (flags.out) writeFileSync(flags.out, `${header}\n\n${table}\n`);
  if (flags.keep) log(`kept ${work}`);
  else if (existsSync(work)) rmSync(work, { recursive: true, force: true });
}
