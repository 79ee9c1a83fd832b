import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { childEnv } from './child.env';

export interface ReverseProxy {
  /** `http://127.0.0.1:<port>` (`https://` when it terminates TLS). */
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface ReverseProxyOptions {
  /** Terminate TLS with this certificate and key (PEM files): the proxy listens on https. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** Drop the Set-Cookie headers of cookies whose name starts with this, as a bad proxy does. */
  readonly dropSetCookie?: string;
}

/**
 * bin/reverse-proxy.mjs in front of `targets` (round robin, X-Forwarded-For/-Proto), as its own
 * process; resolves once it listens. The caller stops it.
 */
export function startReverseProxy(
  targets: readonly string[],
  options: ReverseProxyOptions = {},
): Promise<ReverseProxy> {
  const flags = [
    ...(options.tls
      ? [`--tls-cert=${options.tls.certFile}`, `--tls-key=${options.tls.keyFile}`]
      : []),
    ...(options.dropSetCookie ? [`--drop-set-cookie=${options.dropSetCookie}`] : []),
  ];
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, '..', 'bin', 'reverse-proxy.mjs'), ...flags, ...targets],
    {
      env: childEnv({}),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the proxy exited with ${code} before it listened`)),
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      const url = /listening (\S+)/.exec(chunk.toString())?.[1];
      if (!url) return;
      resolve({
        url,
        pid: child.pid!,
        stop: async () => {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
