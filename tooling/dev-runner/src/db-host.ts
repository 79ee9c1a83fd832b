// `pnpm dev`'s database host: one process that keeps every API's PGlite database (each in its
// own `.data/<service>/` as before) and serves each on a loopback port over the PostgreSQL
// protocol (pglite-socket). The APIs reach it through DATABASE_URL. One process instead of one
// PGlite per API: each API process no longer carries a WASM Postgres, initdb runs once (a
// template), and one Node runtime hosts them all.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { devDataDir, findWorkspaceRoot } from '@repo/auth-config';
import { ensureDataDir } from './db-template';
import type { HostedDatabase, HostedMessage, HostRequest } from './db-protocol';

const root = findWorkspaceRoot(import.meta.dirname);
// PGlite exports neither ./package.json nor its .wasm: both are read beside its resolved entry.
const pgliteDist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
const pgliteVersion = (
  JSON.parse(readFileSync(join(pgliteDist, '..', 'package.json'), 'utf8')) as { version: string }
).version;
// Compiled once for every database: each PGlite would otherwise compile its own 9 MB of WASM,
// seconds of CPU each on a busy 2-core machine.
// (@types/node declares WebAssembly's types but not the global's functions.)
const wasm = (
  globalThis as unknown as { WebAssembly: { compile(b: Buffer): Promise<WebAssembly.Module> } }
).WebAssembly;
const pgliteWasmModule = await wasm.compile(readFileSync(join(pgliteDist, 'pglite.wasm')));
// Keyed by version: a cluster initialised by another PGlite may not open in this one.
const templateDir = join(devDataDir('dev-runner', root), `pglite-template-${pgliteVersion}`);

const request = JSON.parse(process.argv[2] ?? '[]') as HostRequest;
const open: { name: string; db: PGlite; server: PGLiteSocketServer }[] = [];

/** Runs init-template.ts in a child Node (with this process's tsx) and waits for it. */
function createTemplate(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(new URL('./init-template.ts', import.meta.url)), dir],
      { stdio: 'inherit' },
    );
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`initdb of the PGlite template failed (${code})`)),
    );
  });
}

async function host(serviceName: string, dataDir: string): Promise<HostedDatabase> {
  const created = await ensureDataDir(dataDir, templateDir, createTemplate);
  // Postgres zeroes its whole buffer pool at start: PGlite's default 128 MB made each database
  // cost ~180 MB resident; 16 MB is plenty for dev data and costs ~50 MB (tests/bench, dev-scale).
  const db = new PGlite(dataDir, {
    postgresqlconf: ['shared_buffers=16MB'],
    pgliteWasmModule,
  });
  await db.waitReady;
  // A pg pool opens several connections; pglite-socket queues their queries on the one PGlite
  // session and keeps a transaction's queries together (the APIs set no session state).
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  open.push({ name: serviceName, db, server });
  const port = Number(server.getServerConn().split(':').pop());
  console.info(
    `${serviceName}: ${dataDir}${created === 'created' ? ' (new)' : ''} on 127.0.0.1:${port}`,
  );
  return { serviceName, port };
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Closing PGlite writes its buffers out: without it the next start may find a damaged folder.
  await Promise.allSettled(open.map(({ server }) => server.stop()));
  await Promise.allSettled(open.map(({ db }) => db.close()));
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
// The runner is gone (killed without its shutdown): close the databases rather than linger.
process.on('disconnect', () => void stop());

// One at a time: the first builds the template that the others copy, and each API starts as
// soon as its own database answers.
for (const { serviceName, dataDir } of request) {
  const message: HostedMessage = { hosted: await host(serviceName, dataDir) };
  process.send?.(message);
}
