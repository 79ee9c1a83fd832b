#!/usr/bin/env -S npx tsx
/**
 * `pnpm auth:doctor [--production] [--json] [--timeout <ms>]` (`pnpm run doctor` is an alias; a
 * bare `pnpm doctor` is pnpm's own command): where the doctor's input comes from. Each app's env
 * is what that app itself would see: this process's environment over the app folder's .env files;
 * with --production, under NODE_ENV=production, as `next start` and a deployed API run.
 */
import { join } from 'node:path';
import { findWorkspaceRoot, withEnvFiles } from '@repo/auth-config';
import { registryApps } from './apps';
import { repoFiles } from './files';
import { renderJson, renderTable } from './render';
import { defaultTimeoutMs, runDoctor } from './runner';

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const production = argv.includes('--production');
  const timeoutIndex = argv.indexOf('--timeout');
  const timeoutMs = timeoutIndex >= 0 ? Number(argv[timeoutIndex + 1]) : defaultTimeoutMs;
  const known = (arg: string, i: number) =>
    arg === '--json' ||
    arg === '--production' ||
    arg === '--timeout' ||
    arg === '--' ||
    (timeoutIndex >= 0 && i === timeoutIndex + 1);
  const help = argv.includes('--help');
  if (help || !argv.every(known) || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    process.stderr.write(
      'usage: pnpm auth:doctor [--production] [--json] [--timeout <ms per request, default 3000>]\n' +
        '  --production  check every app as it runs with NODE_ENV=production (`next start`, a deploy)\n',
    );
    return help ? 0 : 2;
  }
  const root = findWorkspaceRoot();
  const sources = Object.fromEntries(
    registryApps().map((app) => [app.serviceName, withEnvFiles(join(root, app.folder))]),
  );
  const report = await runDoctor({
    sources,
    fetch: (url, init) => fetch(url, init),
    now: Date.now,
    timeoutMs,
    production,
    files: repoFiles(root),
  });
  process.stdout.write(json ? renderJson(report) : renderTable(report));
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `doctor failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
