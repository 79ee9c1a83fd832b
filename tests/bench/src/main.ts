// `pnpm bench`: every case in one run, then RESULTS.md. `--quick` shortens everything (a smoke
// test of the bench itself) and writes RESULTS.quick.md instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { apis, localUsers, permissionsOf } from '@repo/auth-config';
import { startLocalIdp } from '@repo/local-idp';
import { defaultTokenCacheEntries } from '@repo/service-kit';
import { tamperedSignatureToken } from '@repo/api-testing';
import { dashboardCases } from './dashboard/cases';
import { dashboardThroughput } from './dashboard-throughput/cases';
import { renderDashboardThroughput } from './dashboard-throughput/report';
import { loadBenchEnv } from './env/bench.env';
import { describeMachine, loadNow, node22Path, node24Path, runtimeAt } from './machine';
import { describePinning, pinningFor } from './pin';
import { renderResults, renderTracing } from './report';
import {
  coldCache,
  invalidFlood,
  jwksFetches,
  protectedVsUnprotected,
  tracingOverhead,
  type LoadContext,
  type LoadSettings,
} from './throughput/cases';
import { scratch, startServerProcess } from './throughput/load';
import { mintPool } from './tokens';
import { startOtlpReceiver } from '@repo/test-harness/otlp-receiver';
import { buildVsSampleServers } from './vs-sample/builds';
import { vsSample, type VsSample } from './vs-sample/cases';
import { ordersApiEnv } from './vs-sample/orders-env';

// `pnpm bench --quick` and `pnpm --filter @repo/bench run bench -- --quick` (pnpm passes the `--` on).
const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  // --only tracing: case (g) alone, written to RESULTS.tracing.md (a quick check of the SDK's cost);
  // --only dashboard-throughput: case (i) alone, in RESULTS.dashboard-throughput.md.
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = flags.quick ?? false;
const onlyCases = ['tracing', 'dashboard-throughput'] as const;
const only = flags.only as (typeof onlyCases)[number] | undefined;
if (only !== undefined && !onlyCases.includes(only))
  throw new Error(`--only takes one of: ${onlyCases.join(', ')} (got ${only})`);
const settings: LoadSettings = quick
  ? { seconds: 2, runs: 1, warmupSeconds: 1, connections: 50, pipelining: 1 }
  : { seconds: 10, runs: 5, warmupSeconds: 3, connections: 50, pipelining: 1 };
const jwksSeconds = quick ? 5 : 30;
// More distinct tokens than service-kit's verified-token cache holds, so a cycled pool always misses.
const coldPoolSize = quick ? 500 : Math.ceil(defaultTokenCacheEntries * 1.2);
// D = 0 gives the page's own time; the larger delays make it small next to D, so that
// latency / D shows whether the two API calls run in parallel (≈ 1) or one after the other (≈ 2).
const delays = [0, 250, 500, 1000];
const viewsPerDelay = quick ? 2 : 5;

const benchDir = join(import.meta.dirname, '..');
const started = performance.now();
const startedAt = new Date();
const log = (line: string) =>
  console.info(
    `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`,
  );

const env = loadBenchEnv();
const machine = describeMachine();
const pinning = pinningFor(machine);
const machineNode = runtimeAt("machine's Node", env.machineNode);
const node24 = runtimeAt('Node 24 (npm `node` package)', node24Path());
const node22 = runtimeAt('Node 22', node22Path(env.node22, env.cacheDir));
const loads = [{ step: 'start', load: machine.loadAtStart }];
const noteLoad = (step: string) => loads.push({ step, load: loadNow() });
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: benchDir, encoding: 'utf8' }).trim();
const serviceKitCommit =
  git('log', '-1', '--format=%h (%cs)', '--', '../../packages/service-kit') +
  (git('status', '--porcelain', '--', '../../packages/service-kit')
    ? ' (plus uncommitted changes in the working tree)'
    : '');
log(
  `${machine.cpuModel}, ${machine.cores} cores; ${machineNode.version} and ${node24.version}; service-kit ${serviceKitCommit}`,
);

let jwksRequests = 0;
const idp = await startLocalIdp({
  port: 0,
  onRequest: (entry) => {
    if (entry.method === 'GET' && entry.path === '/.well-known/jwks.json') jwksRequests += 1;
  },
});
const files = scratch();
try {
  const alice = localUsers.find((u) => u.username === 'alice')!;
  const token = await idp.mintUserToken({ user: 'alice', api: 'orders' });
  const ctx: LoadContext = {
    settings,
    pinning,
    serverArgs: {
      domain: idp.domain,
      claims: { sub: alice.sub, scope: permissionsOf(alice, 'orders').join(' ') },
    },
    file: files.file,
    log,
  };
  const warmFile = files.file('warm.json', [token]);
  const tracing = async () => {
    const receiver = await startOtlpReceiver();
    try {
      return await tracingOverhead(ctx, node24, warmFile, receiver);
    } finally {
      await receiver.close();
    }
  };
  const throughputOfViews = () =>
    dashboardThroughput(ctx, {
      chromiumPath: env.chromiumPath,
      logDir: mkdtempSync(join(tmpdir(), 'bench-i-logs-')),
      clientRuntime: node24,
      stores: ['redis', 'embedded'],
      probeViews: quick ? 5 : 20,
      connections: 10,
    });
  if (only) {
    const section =
      only === 'tracing'
        ? renderTracing(await tracing())
        : renderDashboardThroughput(await throughputOfViews());
    const out = join(benchDir, `RESULTS.${only}${quick ? '.quick' : ''}.md`);
    writeFileSync(
      out,
      [
        `# pnpm bench --only ${only} (${startedAt.toISOString()})`,
        '',
        `${machine.cpuModel}, ${machine.cores} cores; 1-min load ${machine.loadAtStart.toFixed(2)} at start, ${loadNow().toFixed(2)} at the end. The machine's Node ${machineNode.version}, client ${node24.version}; ${describePinning(pinning)}. autocannon: ${settings.runs} runs of ${settings.seconds} s per series after ${settings.warmupSeconds} s of warm-up.`,
        '',
        ...section,
      ].join('\n'),
    );
    log(`wrote ${out}`);
    files.cleanup();
    await idp.stop();
    process.exit(0);
  }
  log(`minting ${coldPoolSize} distinct tokens for the cold-cache cases`);
  const pool = {
    file: files.file('pool.json', await mintPool(idp, coldPoolSize)),
    size: coldPoolSize,
  };

  noteLoad('(a) machine Node');
  const server = await startServerProcess(machineNode, pinning, ctx.serverArgs);
  const aMachine = await protectedVsUnprotected(ctx, machineNode, server, warmFile);
  noteLoad('(b)');
  const b = await coldCache(ctx, machineNode, server, pool, aMachine.unprotectedSeries).finally(
    () => server.stop(),
  );

  noteLoad('(a) Node 24');
  const server24 = await startServerProcess(node24, pinning, ctx.serverArgs);
  const a24 = await protectedVsUnprotected(ctx, node24, server24, warmFile).finally(() =>
    server24.stop(),
  );

  noteLoad('(c)');
  const c = await jwksFetches(ctx, machineNode, pool, jwksSeconds, () => jwksRequests);
  noteLoad('(f)');
  const f = await invalidFlood(
    ctx,
    machineNode,
    files.file('invalid.json', [tamperedSignatureToken(token)]),
    aMachine.protectedSeries,
  );

  noteLoad('(g)');
  const g = await tracing();
  const hLogDir = mkdtempSync(join(tmpdir(), 'bench-h-'));
  const orders = ordersApiEnv({
    path: env.path,
    idpDomain: idp.domain,
    databaseUrl: env.databaseUrl,
    dataDir: join(hLogDir, 'pglite'),
  });
  const hBuild = join(hLogDir, 'build');
  const hServers = await buildVsSampleServers(hBuild);
  const h: VsSample[] = [];
  for (const runtime of [node22, node24]) {
    noteLoad(`(h) ${runtime.version}`);
    h.push(
      await vsSample(ctx, {
        ...hServers,
        runtime,
        clientRuntime: node24,
        ordersEnv: orders.env,
        issuerBaseUrl: idp.issuer,
        audience: apis.orders.audience,
        tokenFile: warmFile,
        logFile: join(hLogDir, 'servers.log'),
      }),
    );
  }
  rmSync(hBuild, { recursive: true, force: true });
  log(`(h) servers' stdout: ${join(hLogDir, 'servers.log')}`);

  noteLoad('(d)(e)');
  const d = await dashboardCases({
    chromiumPath: env.chromiumPath,
    logDir: mkdtempSync(join(tmpdir(), 'bench-stack-logs-')),
    delays,
    views: viewsPerDelay,
    log,
  });
  noteLoad('(i)');
  const i = await throughputOfViews();
  noteLoad('end');

  const markdown = renderResults({
    startedAt,
    totalSeconds: (performance.now() - started) / 1000,
    machine,
    loads,
    driver: process.version,
    runtimes: [machineNode, node22, node24],
    pinning,
    settings,
    quick,
    a: [aMachine, a24],
    b,
    c,
    d,
    f,
    g,
    h,
    i,
    hProduction: orders.production,
    serviceKitCommit,
  });
  const out = join(benchDir, quick ? 'RESULTS.quick.md' : 'RESULTS.md');
  writeFileSync(out, markdown);
  log(`wrote ${out}`);
} finally {
  files.cleanup();
  await idp.stop();
}
