import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import { signIn } from '@repo/test-harness/sign-in';
import { startStack, type Stack } from '@repo/test-harness/stack';
import { alternate, type Alternated } from '../alternate';
import { filledCards } from '../dashboard/filled-cards';
import type { Runtime } from '../machine';
import { whileStartingOn } from '../pin';
import type { LoadContext, RunResult } from '../throughput/cases';
import { runClient, type ClientArgs } from '../throughput/load';
import { countsBetween, totalOf, type Counts } from './counts';
import { readWhenQuiet } from './quiet';
import { readCommandstats } from './redis-commandstats';
import { readSqliteCounts, sqliteCounterNodeOptions, sqliteFlushMs } from './sqlite-counts';
import { cpuBetween, readStackCpu } from './stack-cpu';
import { viewOnce } from './view-once';
import { launchChromium } from '../dashboard/browser';

export type SessionStoreKind = 'redis' | 'embedded';

export interface DashboardThroughputInput {
  readonly chromiumPath: string;
  /** Where each service's log goes (one folder per store below it). */
  readonly logDir: string;
  /** The Node autocannon runs on (the other cases' client Node). */
  readonly clientRuntime: Runtime;
  readonly stores: readonly SessionStoreKind[];
  /** Sequential views of each page whose store calls are counted (after the load). */
  readonly probeViews: number;
  /**
   * autocannon's connections for this case. Fewer than the API cases' 50: a dashboard view costs
   * the one server core tens of ms, so 50 views in flight take seconds each, and the ones still in
   * flight when a run stops (their work done, no answer counted) would be a sizeable share of it.
   */
  readonly connections: number;
}

export interface ViewRun extends RunResult {
  /** The stack's CPU µs per answered request, by service (web, orders-api, redis…). */
  readonly cpuUsByService: Readonly<Record<string, number>>;
}

export interface StoreThroughput {
  readonly sessionStore: SessionStoreKind;
  /** autocannon's connections (`-p 1`). */
  readonly connections: number;
  /** ours = GET /dashboard with Alice's session cookie, theirs = GET / without a cookie. */
  readonly views: Alternated<ViewRun>;
  /** The cookie header autocannon sent: what the browser holds after signing in. */
  readonly cookieBytes: number;
  /**
   * Session-store calls (Redis commands, or SQLite statements, by name) over `views` sequential
   * views of each page, the stack quiet before and after.
   */
  readonly storeCalls: {
    readonly views: number;
    readonly dashboard: Counts;
    readonly anonymous: Counts;
  };
  /** The dashboard's cards in the browser before and after the load (filled = no error shown). */
  readonly cardsBefore: { readonly cards: number; readonly filled: number };
  readonly cardsAfter: { readonly cards: number; readonly filled: number };
}

export const dashboardPath = '/dashboard';
export const anonymousPath = '/';

/** Cumulative session-store calls so far; Redis's INFO replies, the bench's own, are left out. */
type StoreCounter = () => Promise<Counts>;

function storeCounter(stack: Stack, sqliteDir: string): StoreCounter {
  const redis = stack.redis;
  if (redis)
    return async () => {
      const { info: _ownReadings, ...counts } = await readCommandstats(redis.port);
      return counts;
    };
  return async () => {
    await sleep(sqliteFlushMs);
    return readSqliteCounts(sqliteDir);
  };
}

/** A signed-in view in the browser, then what its cards show; the page is left blank (idle). */
async function cardsOnDashboard(page: Page, webUrl: string) {
  const response = await page.goto(`${webUrl}${dashboardPath}`, { waitUntil: 'load' });
  if (response?.status() !== 200) throw new Error(`dashboard answered ${response?.status()}`);
  const cards = await filledCards(page);
  await page.goto('about:blank');
  return cards;
}

/**
 * (i) One store: the stack (local IdP, both APIs, Redis or the embedded store, the production
 * build of web) started on the server CPU; Alice signs in through Chromium; then autocannon on the
 * client CPU alternates GET /dashboard with her cookie and GET / with none.
 */
async function oneStore(
  ctx: Pick<LoadContext, 'settings' | 'pinning' | 'file' | 'log'>,
  input: DashboardThroughputInput,
  sessionStore: SessionStoreKind,
): Promise<StoreThroughput> {
  const sqliteDir = mkdtempSync(join(tmpdir(), 'bench-i-sqlite-'));
  ctx.log(`(i) ${sessionStore} store: starting the stack on CPU ${ctx.pinning.serverCpu}`);
  const stack = await whileStartingOn(ctx.pinning, ctx.pinning.serverCpu, () =>
    startStack({
      logDir: join(input.logDir, sessionStore),
      sessionStore,
      env:
        sessionStore === 'embedded'
          ? { web: { NODE_OPTIONS: sqliteCounterNodeOptions(sqliteDir) } }
          : undefined,
    }),
  );
  const browser = await launchChromium(input.chromiumPath);
  try {
    const page = await browser.newPage();
    await signIn(page, 'alice', stack.webUrl);
    // The first view fetches the second audience's token; every later one finds both stored.
    const cardsBefore = await cardsOnDashboard(page, stack.webUrl);
    const cookie = (await page.context().cookies(stack.webUrl))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    // The replica's own 127.0.0.1 address (web binds only that), under the name the app knows.
    const host = new URL(stack.webUrl).host;
    const counter = storeCounter(stack, sqliteDir);
    const targets = {
      ours: { path: dashboardPath, headers: { host, cookie } },
      theirs: { path: anonymousPath, headers: { host } },
    };
    const run = async (which: 'ours' | 'theirs', seconds: number, tag: string) => {
      const args: ClientArgs = {
        url: stack.replicaUrls[0]!,
        path: targets[which].path,
        headers: targets[which].headers,
        tokenOffset: 0,
        connections: input.connections,
        pipelining: ctx.settings.pipelining,
        seconds,
      };
      const fullTag = `i-${sessionStore}-${tag}`;
      const cpuBefore = readStackCpu(process.pid);
      const result = await runClient(
        input.clientRuntime,
        ctx.pinning,
        ctx.file(`${fullTag}.json`, args),
      );
      const cpu = cpuBetween(cpuBefore, await readWhenQuiet(process.pid));
      const answered = Math.max(1, result.total);
      const cpuUsByService = Object.fromEntries(
        Object.entries(cpu).map(([service, micros]) => [service, micros / answered]),
      );
      const serverCpuUsPerRequest = Object.values(cpuUsByService).reduce((n, us) => n + us, 0);
      ctx.log(
        `  ${fullTag}: ${Math.round(result.requestsPerSecond)} req/s, stack ${serverCpuUsPerRequest.toFixed(0)} µs CPU/request, p99 ${result.latencyP99} ms, non-2xx ${result.non2xx}`,
      );
      return { ...result, serverCpuUsPerRequest, cpuUsByService };
    };
    const views = await alternate(ctx.settings, { ours: 'dashboard', theirs: 'anonymous' }, run);
    // Counted apart from the load: under load, the calls of the requests still in flight when
    // autocannon stops belong to no answered view.
    const probe = async (which: 'ours' | 'theirs') => {
      const { path, headers } = targets[which];
      await readWhenQuiet(process.pid);
      const before = await counter();
      for (let i = 0; i < input.probeViews; i++) {
        const status = await viewOnce(stack.replicaUrls[0]! + path, headers);
        if (status !== 200) throw new Error(`${path} answered ${status}`);
      }
      await readWhenQuiet(process.pid);
      const calls = countsBetween(before, await counter());
      ctx.log(
        `  i-${sessionStore}: ${(totalOf(calls) / input.probeViews).toFixed(2)} store calls per GET ${path} (${input.probeViews} sequential views)`,
      );
      return calls;
    };
    const storeCalls = {
      views: input.probeViews,
      dashboard: await probe('ours'),
      anonymous: await probe('theirs'),
    };
    const cardsAfter = await cardsOnDashboard(page, stack.webUrl);
    return {
      sessionStore,
      connections: input.connections,
      views,
      cookieBytes: cookie.length,
      storeCalls,
      cardsBefore,
      cardsAfter,
    };
  } finally {
    await browser.close();
    await stack.stopAll();
    rmSync(sqliteDir, { recursive: true, force: true });
  }
}

/** (i) for each store in turn, each on a stack of its own. */
export async function dashboardThroughput(
  ctx: Pick<LoadContext, 'settings' | 'pinning' | 'file' | 'log'>,
  input: DashboardThroughputInput,
): Promise<StoreThroughput[]> {
  const results: StoreThroughput[] = [];
  for (const store of input.stores) results.push(await oneStore(ctx, input, store));
  return results;
}
