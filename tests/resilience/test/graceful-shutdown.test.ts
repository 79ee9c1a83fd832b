import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrdersProcess, type ApiProcess } from '../src/api-process';
import { ordersEnv, ordersToken } from '../src/in-process';
import { errorCode, runLoad } from '../src/load';

let idp: LocalIdp;
let api: ApiProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'resilience-drain-'));

beforeAll(async () => {
  idp = await startLocalIdp();
});
afterAll(async () => {
  api?.signal('SIGKILL');
  await api?.exited;
  await idp?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Sent {
  /** Sent before SIGTERM and not answered yet when it was sent. */
  inFlightAtSignal: boolean;
  /** On a kept-alive connection (not a fresh one). */
  reused: boolean;
  status?: number;
  error?: string;
  connectionClose?: boolean;
}

describe('graceful shutdown', () => {
  it('SIGTERM under load: every request in flight completes, no kept-alive connection is reset', async () => {
    api = await startOrdersProcess({ ...ordersEnv(idp), DATA_DIR: dataDir });
    const token = await ordersToken(idp, 'auth0|drain');
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const pending = new Set<Sent>();
    const all: Sent[] = [];
    let signalled = false;
    let stopped = false;

    const send = () =>
      new Promise<Sent>((resolve) => {
        const sent: Sent = { inFlightAtSignal: false, reused: false };
        pending.add(sent);
        all.push(sent);
        const done = () => {
          pending.delete(sent);
          resolve(sent);
        };
        const req = httpRequest(
          `${api!.url}/orders`,
          { agent, headers: { authorization: `Bearer ${token}` } },
          (res) => {
            sent.status = res.statusCode;
            sent.connectionClose = res.headers.connection === 'close';
            res.resume();
            res.on('end', done);
            res.on('error', (e) => ((sent.error = errorCode(e)), done()));
          },
        );
        req.on('socket', () => (sent.reused = req.reusedSocket));
        req.on('error', (e) => ((sent.error = errorCode(e)), done()));
        req.setTimeout(15_000, () => req.destroy(new Error('timeout')));
        req.end();
      });

    await runLoad({
      workers: 20,
      done: () => stopped,
      once: async () => {
        if (all.length === 400 && !signalled) {
          signalled = true;
          for (const s of pending) s.inFlightAtSignal = true;
          api!.signal('SIGTERM');
        }
        const sent = await send();
        // A client stops once the server is gone (its connection refused).
        if (sent.error && signalled) stopped = true;
        return sent;
      },
    });
    agent.destroy();
    expect(await api.exited, `exit code; output:\n${api.output()}`).toBe(0);

    const inFlight = all.filter((s) => s.inFlightAtSignal);
    const after = all.filter((s) => signalled && !s.inFlightAtSignal && all.indexOf(s) >= 400);
    expect(inFlight.length, 'requests in flight when SIGTERM arrived').toBeGreaterThan(0);
    expect(
      inFlight.filter((s) => s.status !== 200),
      'in-flight requests that did not complete',
    ).toEqual([]);
    expect(
      after.filter((s) => s.reused && s.error),
      'requests on a kept-alive connection that were cut',
    ).toEqual([]);
    expect(after.filter((s) => s.status !== undefined && s.status !== 200)).toEqual([]);
    const servedAfter = after.filter((s) => s.status === 200);
    // The server answers with Connection: close once it has seen the signal (a little later).
    expect(
      servedAfter.some((s) => s.connectionClose),
      'answers during the drain say Connection: close',
    ).toBe(true);
    const errors: Record<string, number> = {};
    for (const s of after) {
      const key = `${s.error}${s.reused ? ' (kept-alive connection)' : ' (new connection)'}`;
      if (s.error) errors[key] = (errors[key] ?? 0) + 1;
    }
    console.info(
      `graceful shutdown: ${all.length} requests; ${inFlight.length} in flight at SIGTERM, all 200; ` +
        `${servedAfter.length} more served during the drain; then ${JSON.stringify(errors)}`,
    );
  });
});
