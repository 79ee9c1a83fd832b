import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { childEnv } from '@repo/test-harness/child.env';

export interface ProxyProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** forwarding-proxy.ts in front of `target`, as its own process; resolves once it listens. */
export function startForwardingProxy(target: string): Promise<ProxyProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'forwarding-proxy.ts'), target],
    {
      cwd: join(import.meta.dirname, '..'),
      env: childEnv({}),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the proxy exited with ${code} before it listened`)),
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      const url = /listening (\S+)/.exec(chunk.toString())?.[1];
      if (url) {
        resolve({
          url,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
  });
}
