// `pnpm --filter @repo/bench dev-reload -- --starts 50 --watch 30`: the reload-loop hunt (issue 18).
// Each round is a cold `pnpm dev` of this checkout (`.data` removed first), Chromium signed in as
// alice on /dashboard, watched for `--watch` seconds: every document the browser loads beyond a
// person's sign-in and one visit counts as a re-render (a reload during the first compile too).
// A loop shows as rounds with more than zero. Stops every process it started (Ctrl-C to pnpm
// dev's group, then by pid).
import { spawn } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { findWorkspaceRoot, loadToolEnv } from '@repo/auth-config';
import { chromiumLaunchArgs } from '@repo/test-harness/chromium';
import { signIn } from '@repo/test-harness/sign-in';
import { devShellEnv } from '../dev-scale/dev-scale.env';
import { portsInUse } from '../dev-scale/ports';
import { servicesOf } from '../dev-scale/repo-copy';
import { stopTree } from '../dev-scale/stopper';

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    starts: { type: 'string', default: '50' },
    watch: { type: 'string', default: '30' },
    timeout: { type: 'string', default: '180' },
  },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.error(`[dev-reload] ${line}`);
const repo = findWorkspaceRoot(import.meta.dirname);
const env = devShellEnv(repo);
const services = servicesOf(repo, env);
const web = services.find((s) => s.serviceName === 'web')!;
const webUrl = `http://localhost:${web.port}`;

async function allHealthy(deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const answers = await Promise.all(
      services.map((s) =>
        fetch(`http://localhost:${s.port}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
          (r) => r.status === 200,
          () => false,
        ),
      ),
    );
    if (answers.every(Boolean)) return true;
    await sleep(250);
  }
  return false;
}

interface Round {
  readonly healthy: boolean;
  readonly rerenders: number;
  readonly consoleErrors: number;
}

async function round(i: number): Promise<Round> {
  rmSync(join(repo, '.data'), { recursive: true, force: true });
  const logFile = join(tmpdir(), `dev-reload-${process.pid}-${i}.log`);
  const out = createWriteStream(logFile);
  const dev = spawn('pnpm', ['run', 'dev'], { cwd: repo, env, detached: true, stdio: 'pipe' });
  dev.stdout.pipe(out);
  dev.stderr.pipe(out);
  try {
    const healthy = await allHealthy(Date.now() + Number(flags.timeout) * 1000);
    if (!healthy) return { healthy, rerenders: 0, consoleErrors: 0 };
    const browser = await chromium.launch({
      executablePath: loadToolEnv().chromiumPath,
      args: [...chromiumLaunchArgs],
    });
    try {
      const page = await browser.newPage();
      // Every page web renders for the browser (a document answered 200), by path: a person's
      // sign-in renders / and /dashboard once each (the login and callback routes, and the
      // proxy dropping the sign-in marker from the address, only redirect), then the explicit
      // visit renders /dashboard again; anything beyond is a reload nobody asked for.
      const documents = new Map<string, number>();
      let consoleErrors = 0;
      page.on('response', (res) => {
        const url = new URL(res.url());
        if (
          res.request().resourceType() === 'document' &&
          res.status() === 200 &&
          url.origin === new URL(webUrl).origin
        )
          documents.set(url.pathname, (documents.get(url.pathname) ?? 0) + 1);
      });
      // The timeline says why a page reloaded: Next's dev client reloads on an HMR
      // `reloadPage` (its `data` names the reason), or on any Turbopack update after a runtime
      // error, or on a server-component change while the error shell (`__next_error__`) shows.
      const started = Date.now();
      const timeline: string[] = [];
      const note = (line: string) => timeline.push(`${Date.now() - started}ms ${line}`);
      page.on('console', (msg) => {
        if (msg.type() === 'error') consoleErrors += 1;
        if (msg.type() === 'error' || msg.type() === 'warning')
          note(`console.${msg.type()} ${msg.text().slice(0, 300)}`);
      });
      page.on('websocket', (ws) => {
        if (!/\/_next\/(webpack-)?hmr/.test(ws.url())) return;
        note(`hmr socket open`);
        ws.on('framereceived', ({ payload }) => {
          if (typeof payload !== 'string') return;
          const type = /"(?:type|action)":"([^"]+)"/.exec(payload)?.[1] ?? '?';
          if (type === 'ping' || type === 'building' || type === 'built') return;
          note(
            `hmr ${type}${type === 'reloadPage' || type === 'turbopack-message' ? ` ${payload.slice(0, 600)}` : ''}`,
          );
        });
      });
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) note(`navigated ${new URL(frame.url()).pathname}`);
      });
      page.on('load', () => {
        void page.evaluate<string>('document.documentElement.id').then(
          (id) => id && note(`document id=${id}`),
          () => undefined,
        );
      });
      // A loop can keep the sign-in from ever finishing: that round counts too (its reloads
      // are in `documents`), with its timeline.
      let signedIn = true;
      try {
        await signIn(page, 'alice', webUrl);
        await page.goto(`${webUrl}/dashboard`, { waitUntil: 'load' });
        await sleep(Number(flags.watch) * 1000);
      } catch (error) {
        signedIn = false;
        note(`sign-in did not finish: ${(error as Error).message.split('\n')[0]}`);
      }
      const expected: Record<string, number> = { '/dashboard': 2 };
      let rerenders = 0;
      for (const [path, count] of documents)
        rerenders += Math.max(0, count - (expected[path] ?? 1));
      log(`documents: ${[...documents].map(([p, n]) => `${p}×${n}`).join(' ')}`);
      if (!signedIn) rerenders = Math.max(rerenders, 1);
      if (rerenders > 0) {
        out.write(`\n[dev-reload] browser timeline\n${timeline.join('\n')}\n`);
        log(`timeline and pnpm dev output: ${logFile}`);
      }
      return { healthy, rerenders, consoleErrors };
    } finally {
      await browser.close();
    }
  } finally {
    await stopTree(dev.pid!, new Map());
    out.end();
  }
}

const busy = await portsInUse(services.map((s) => s.port));
if (busy.length) throw new Error(`ports in use, not starting pnpm dev: ${busy.join(', ')}`);
const rounds: Round[] = [];
for (let i = 1; i <= Number(flags.starts); i++) {
  const r = await round(i);
  rounds.push(r);
  log(
    `start ${i}: ${r.healthy ? 'healthy' : 'NOT healthy'}, ${r.rerenders} re-renders, ${r.consoleErrors} console errors`,
  );
}
const looping = rounds.filter((r) => r.rerenders > 0).length;
const unhealthy = rounds.filter((r) => !r.healthy).length;
console.info(
  `dev-reload: ${rounds.length} cold starts, ${Number(flags.watch)} s on /dashboard each: ${looping} with a re-render, ${unhealthy} not healthy, ${rounds.reduce((n, r) => n + r.consoleErrors, 0)} console errors`,
);
process.exitCode = looping || unhealthy ? 1 : 0;
