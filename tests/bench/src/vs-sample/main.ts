// `pnpm --filter @repo/bench vs-sample [-- --quick] [-- --node 24]`: case (h) alone (orders-api vs
// Auth0's Express sample, and /healthz vs bare Express), printed as markdown. `pnpm bench` runs it
// too, in its one run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { apis } from '@repo/auth-config';
import { startLocalIdp } from '@repo/local-idp';
import { loadBenchEnv } from '../env/bench.env';
import { describeMachine, node22Path, node24Path, runtimeAt } from '../machine';
import { pinningFor } from '../pin';
import { scratch } from '../throughput/load';
import { buildVsSampleServers } from './builds';
import { vsSample } from './cases';
import { ordersApiEnv } from './orders-env';
import { renderVsSample } from './report';

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    node: { type: 'string', multiple: true },
    seconds: { type: 'string' },
    runs: { type: 'string' },
    // A folder: orders-api runs with --cpu-prof and writes its profile there on shutdown.
    profile: { type: 'string' },
  },
});
const quick = flags.quick ?? false;
const settings = {
  seconds: Number(flags.seconds ?? (quick ? 3 : 10)),
  runs: Number(flags.runs ?? (quick ? 1 : 5)),
  warmupSeconds: quick ? 2 : 3,
  connections: 50,
  pipelining: 1,
};
const started = performance.now();
const log = (line: string) =>
  console.info(`[h ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const env = loadBenchEnv();
const pinning = pinningFor(describeMachine());
const node24 = runtimeAt('Node 24', node24Path());
const all = {
  '22': () => runtimeAt('Node 22', node22Path(env.node22, env.cacheDir)),
  '24': () => node24,
};
const wanted = (flags.node ?? ['22', '24']) as Array<keyof typeof all>;

const idp = await startLocalIdp({ port: 0 });
const files = scratch();
const logDir = mkdtempSync(join(tmpdir(), 'bench-h-'));
try {
  const token = await idp.mintUserToken({ user: 'alice', api: 'orders' });
  const tokenFile = files.file('token.json', [token]);
  const ctx = {
    settings,
    pinning,
    serverArgs: { domain: idp.domain, claims: { sub: '', scope: '' } },
    file: files.file,
    log,
  };
  const servers = await buildVsSampleServers(join(logDir, 'build'));
  const results = [];
  for (const which of wanted) {
    const runtime = all[which]();
    const orders = ordersApiEnv({
      path: env.path,
      idpDomain: idp.domain,
      databaseUrl: env.databaseUrl,
      dataDir: join(logDir, 'pglite'),
    });
    results.push(
      await vsSample(ctx, {
        ...servers,
        runtime,
        clientRuntime: node24,
        ordersEnv: orders.env,
        ordersNodeArgs: flags.profile
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${flags.profile}`,
              `--cpu-prof-name=orders-api-node${which}.cpuprofile`,
            ]
          : [],
        issuerBaseUrl: idp.issuer,
        audience: apis.orders.audience,
        tokenFile,
        logFile: join(logDir, 'servers.log'),
      }),
    );
  }
  console.info(renderVsSample(results).join('\n'));
  log(`servers' stdout: ${join(logDir, 'servers.log')}`);
} finally {
  files.cleanup();
  await idp.stop();
  // The log stays (its path is printed); PGlite's folder, when used, goes.
  rmSync(join(logDir, 'pglite'), { recursive: true, force: true });
  rmSync(join(logDir, 'build'), { recursive: true, force: true });
}
