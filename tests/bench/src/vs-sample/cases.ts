import { closeSync, openSync } from 'node:fs';
import type { Runtime } from '../machine';
import { alternate, type Alternated } from '../alternate';
import { runClient, type ClientArgs } from '../throughput/load';
import type { LoadContext, RunResult } from '../throughput/cases';
import type { ServerBuild } from './builds';
import type { PeerArgs } from './peer-args';
import { freePort, startPeer, type PeerProcess } from './processes';

export interface VsSampleInput {
  /** The Node the servers run on. */
  readonly runtime: Runtime;
  /** The Node autocannon runs on: the same for every case, so the load generator is constant. */
  readonly clientRuntime: Runtime;
  /** orders-api as its image runs it (builds.ts). */
  readonly orders: ServerBuild;
  /** One of the bench's own peer servers (src/vs-sample/<file>), compiled (builds.ts). */
  readonly peer: (file: string) => ServerBuild;
  /** orders-api's environment beyond PORT (production defaults, LOG_LEVEL=info). */
  readonly ordersEnv: NodeJS.ProcessEnv;
  /** Extra Node flags for orders-api only, e.g. `--cpu-prof` (top-frames.ts reads the profile). */
  readonly ordersNodeArgs?: readonly string[];
  readonly issuerBaseUrl: string;
  readonly audience: string;
  /** A JSON array holding the one valid token. */
  readonly tokenFile: string;
  /** Every server's stdout (orders-api's request log included) is appended here. */
  readonly logFile: string;
}

export type PeerRun = RunResult;

export interface Comparison extends Alternated<PeerRun> {
  readonly path: string;
}

export interface VsSample {
  readonly runtime: Runtime;
  readonly catalog: Comparison;
  readonly healthz: Comparison;
}

async function runOn(
  ctx: LoadContext,
  input: VsSampleInput,
  peer: PeerProcess,
  path: string,
  seconds: number,
  tag: string,
): Promise<PeerRun> {
  const args: ClientArgs = {
    url: peer.url,
    path,
    tokensFile: input.tokenFile,
    tokenOffset: 0,
    connections: ctx.settings.connections,
    pipelining: ctx.settings.pipelining,
    seconds,
  };
  const before = peer.cpuMicros();
  const result = await runClient(input.clientRuntime, ctx.pinning, ctx.file(`${tag}.json`, args));
  const serverCpuUsPerRequest = (peer.cpuMicros() - before) / Math.max(1, result.total);
  ctx.log(
    `  ${tag}: ${Math.round(result.requestsPerSecond)} req/s, server ${serverCpuUsPerRequest.toFixed(0)} µs CPU/request, p99 ${result.latencyP99} ms, non-2xx ${result.non2xx}`,
  );
  return { ...result, serverCpuUsPerRequest };
}

/** orders-api against a peer on one path: see `alternate`. */
async function compare(
  ctx: LoadContext,
  input: VsSampleInput,
  ours: PeerProcess,
  theirs: PeerProcess,
  path: string,
): Promise<Comparison> {
  const slug = path.slice(1);
  const peers = { ours, theirs };
  const result = await alternate(
    ctx.settings,
    { ours: ours.label, theirs: theirs.label },
    (which, seconds, tag) => runOn(ctx, input, peers[which], path, seconds, `${slug}-${tag}`),
  );
  return { path, ...result };
}

/**
 * (h) The real orders-api (as its image runs it, production defaults, request log at info) beside
 * Auth0's Express sample on GET /catalog with the same token, and beside a bare Express 5 app on
 * GET /healthz. All three servers run on the server CPU on one Node; their stdout goes to one file.
 */
export async function vsSample(ctx: LoadContext, input: VsSampleInput): Promise<VsSample> {
  const { runtime } = input;
  ctx.log(`(h) ${runtime.label} ${runtime.version}: orders-api vs the sample`);
  const stdoutFd = openSync(input.logFile, 'a');
  const peers: PeerProcess[] = [];
  try {
    const start = async (
      label: string,
      cwd: string,
      args: string[],
      env: NodeJS.ProcessEnv,
      port: number,
      readyPath: string,
    ) => {
      const peer = await startPeer(ctx.pinning, {
        label,
        runtime,
        cwd,
        args,
        env,
        port,
        readyPath,
        stdoutFd,
      });
      peers.push(peer);
      return peer;
    };
    const peerArgs = async (): Promise<PeerArgs> => ({
      port: await freePort(),
      issuerBaseUrl: input.issuerBaseUrl,
      audience: input.audience,
    });
    const ordersPort = await freePort();
    const orders = await start(
      'orders-api',
      input.orders.cwd,
      [...(input.ordersNodeArgs ?? []), ...input.orders.args],
      { ...input.ordersEnv, PORT: String(ordersPort) },
      ordersPort,
      '/healthz',
    );
    /** One of the bench's own peer servers (src/vs-sample/<file>), given its args as one JSON argv. */
    const startPeerScript = async (label: string, file: string, readyPath: string) => {
      const args = await peerArgs();
      const compiled = input.peer(file);
      return start(
        label,
        compiled.cwd,
        [...compiled.args, JSON.stringify(args)],
        { PATH: input.ordersEnv.PATH },
        args.port,
        readyPath,
      );
    };
    const sample = await startPeerScript('sample', 'sample-server.ts', '/');
    const bare = await startPeerScript('bare-express', 'bare-server.ts', '/healthz');
    const catalog = await compare(ctx, input, orders, sample, '/catalog');
    const healthz = await compare(ctx, input, orders, bare, '/healthz');
    return { runtime, catalog, healthz };
  } finally {
    for (const peer of peers) await peer.stop();
    closeSync(stdoutFd);
  }
}
