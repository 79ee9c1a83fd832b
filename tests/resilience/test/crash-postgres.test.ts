import { randomUUID } from 'node:crypto';
import { loadToolEnv } from '@repo/auth-config';
import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrdersProcess, type ApiProcess } from '../src/api-process';
import { ordersEnv, ordersToken } from '../src/in-process';
import { errorCode, runLoad } from '../src/load';
import { createScratchSchema, type ScratchSchema } from '../src/pg-schema';

const { databaseUrl, ci } = loadToolEnv();
const clients = 20;
let idp: LocalIdp;
let schema: ScratchSchema;
let env: Record<string, string>;
let api: ApiProcess | undefined;

if (!databaseUrl && ci)
  throw new Error('The crash test needs PostgreSQL: .ci/run sets DATABASE_URL.');

describe.runIf(databaseUrl)('crash on PostgreSQL', () => {
  beforeAll(async () => {
    idp = await startLocalIdp();
    schema = await createScratchSchema(databaseUrl!);
    env = { ...ordersEnv(idp), DATABASE_URL: schema.url };
  });
  afterAll(async () => {
    api?.signal('SIGKILL');
    await api?.exited;
    await schema?.drop();
    await idp?.stop();
  });

  it('kill -9 during 20 concurrent order creations: every 201 order is there, once, after the restart', async () => {
    api = await startOrdersProcess(env);
    const port = Number(new URL(api.url).port);
    const tokens = await Promise.all(
      Array.from({ length: clients }, (_, i) => ordersToken(idp, `auth0|crash-${i}`)),
    );
    const created = new Map<string, { sub: number; id: string; replayed: boolean }>(); // by Idempotency-Key
    const failedAttempts: Record<string, number> = {};
    let stop = false;
    let killed = false;
    let createdAfterRestart = 0;

    // Each client creates orders one after another; a failed attempt is retried with the SAME key
    // until it gets its 201 (as the web app does), whatever the failure was.
    const load = runLoad({
      workers: clients,
      done: () => stop,
      once: async (client) => {
        const key = randomUUID();
        const deadline = Date.now() + 60_000;
        for (let attempt = 0; Date.now() < deadline; attempt++) {
          try {
            const res = await fetch(`${api!.url}/orders`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${tokens[client]}`,
                'content-type': 'application/json',
                'idempotency-key': key,
              },
              body: JSON.stringify({ items: [{ sku: 'MUG-WHT', quantity: 1 + (client % 3) }] }),
              signal: AbortSignal.timeout(10_000),
            });
            const body = (await res.json()) as { id?: string };
            if (res.status === 201 && body.id) {
              created.set(key, {
                sub: client,
                id: body.id,
                replayed: res.headers.get('idempotent-replayed') === 'true',
              });
              if (killed) createdAfterRestart += 1;
              return;
            }
            failedAttempts[String(res.status)] = (failedAttempts[String(res.status)] ?? 0) + 1;
          } catch (error) {
            const code = errorCode(error);
            failedAttempts[code] = (failedAttempts[code] ?? 0) + 1;
          }
          await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 500))); // retry backoff
        }
        throw new Error(`key ${key} never got its 201`);
      },
    });

    // Kill once orders are flowing, restart at once on the same port, stop after some more.
    const waitUpTo30s = (message: string) => ({ timeout: 30_000, interval: 20, message });
    await expect
      .poll(() => created.size, waitUpTo30s('orders to flow before the kill'))
      .toBeGreaterThanOrEqual(60);
    const beforeKill = created.size;
    api.signal('SIGKILL');
    killed = true;
    expect(await api.exited).toBe('SIGKILL');
    api = await startOrdersProcess(env, { port });
    await expect
      .poll(() => createdAfterRestart, waitUpTo30s('orders after the restart'))
      .toBeGreaterThanOrEqual(2 * clients);
    stop = true;
    await load;

    // What the API says each user owns, every page.
    const owned = new Map<string, number>();
    for (let client = 0; client < clients; client++) {
      let cursor: string | null = null;
      do {
        const url = `${api.url}/orders?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await fetch(url, { headers: { authorization: `Bearer ${tokens[client]}` } });
        expect(res.status).toBe(200);
        const page = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
        for (const o of page.items) owned.set(o.id, (owned.get(o.id) ?? 0) + 1);
        cursor = page.nextCursor;
      } while (cursor);
    }
    const ids = [...created.values()].map((c) => c.id);
    expect(new Set(ids).size, 'one order per Idempotency-Key').toBe(created.size);
    expect(
      ids.filter((id) => !owned.has(id)),
      'orders that got a 201 but are gone',
    ).toEqual([]);
    expect(
      [...owned.keys()].filter((id) => !ids.includes(id)),
      'orders nobody got a 201 for (duplicates from retries)',
    ).toEqual([]);
    expect(
      Object.values(failedAttempts).reduce((a, b) => a + b, 0),
      'the clients felt the crash',
    ).toBeGreaterThan(0);
    const replayed = [...created.values()].filter((c) => c.replayed).length;
    console.info(
      `crash on PostgreSQL: ${created.size} orders (${beforeKill} before the kill), ${replayed} answered by replay, ` +
        `failed attempts retried: ${JSON.stringify(failedAttempts)}`,
    );
  });
});
