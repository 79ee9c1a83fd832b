import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port';

export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops it (SIGTERM, then SIGKILL); `start()` brings it back on the same port, empty. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** One PING over a raw socket: true when Redis answers PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => socket.destroy());
    socket.once('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

/**
 * Debian's redis-server (REDIS_SERVER, default /usr/bin/redis-server) on a free port of
 * 127.0.0.1, in memory only (no RDB, no AOF), stopped by the caller. Resolves once it answers PING.
 */
export async function startRedis(options: { binary: string }): Promise<RedisServer> {
  const port = await freePort();
  let child: ReturnType<typeof spawn> | undefined;
  const launch = async () => {
    child = spawn(
      options.binary,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'yes',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await pong(port))) {
      if (child.exitCode !== null)
        throw new Error(`redis-server exited with ${child.exitCode}: ${stderr}`);
      if (Date.now() > deadline)
        throw new Error(`redis-server did not answer on ${port}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50)); // poll interval while waiting for PONG
    }
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  process.once('exit', () => child?.kill('SIGKILL'));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return child?.pid ?? 0;
    },
    stop,
    start: launch,
  };
}
