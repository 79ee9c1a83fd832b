import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedSessionStore, type WebSessionStore } from '../src';
import { session, storeConformance, type TestSession } from './support/conformance';

const dir = mkdtempSync(join(tmpdir(), 'session-store-'));
const opened: WebSessionStore<TestSession>[] = [];
const durations = { absoluteSeconds: 3 * 24 * 3600, inactivitySeconds: 24 * 3600 };
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded store (node:sqlite)', () => {
  storeConformance(() => ({
    open: async () => {
      const store = createEmbeddedSessionStore<TestSession>({
        dir,
        secret: 's'.repeat(40),
        durations,
      });
      opened.push(store);
      return store;
    },
    dump: async () =>
      readdirSync(dir)
        .map((f) => readFileSync(join(dir, f)).toString('latin1'))
        .join('\n'),
  }));

  it('expires a session with its rolling window and never past its absolute limit', async () => {
    let t = Date.now();
    const store = createEmbeddedSessionStore<TestSession>({
      dir: mkdtempSync(join(tmpdir(), 'session-store-clock-')),
      secret: 's'.repeat(40),
      durations: { absoluteSeconds: 100, inactivitySeconds: 40 },
      now: () => t,
    });
    opened.push(store);
    const s = { ...session(), internal: { sid: 'x', createdAt: Math.floor(t / 1000) } };
    await store.set('rolling', s);
    t += 30_000;
    expect(await store.update('rolling', s)).toBe(true); // activity at 30 s: alive until 70 s
    t += 30_000;
    expect(await store.get('rolling'), 'kept alive by the update').not.toBeNull();
    expect(await store.update('rolling', s)).toBe(true); // at 60 s: until min(100, 100)
    t += 30_000;
    expect(await store.get('rolling')).not.toBeNull();
    expect(await store.update('rolling', s)).toBe(true); // at 90 s: still capped at 100 s
    t += 15_000; // 105 s after creation: past the absolute limit, whatever the activity
    expect(await store.get('rolling')).toBeNull();
    expect(await store.update('rolling', s), 'and it stays gone').toBe(false);

    const idle = { ...session(), internal: { sid: 'y', createdAt: Math.floor(t / 1000) } };
    await store.set('idle', idle);
    t += 41_000; // no activity for longer than the rolling window
    expect(await store.get('idle')).toBeNull();
  });

  it('refuses data sealed with another secret (a rotated AUTH0_SECRET signs everyone out, never crashes)', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'session-store-secret-'));
    const before = createEmbeddedSessionStore<TestSession>({
      dir: shared,
      secret: 'a'.repeat(40),
      durations,
    });
    const after = createEmbeddedSessionStore<TestSession>({
      dir: shared,
      secret: 'b'.repeat(40),
      durations,
    });
    opened.push(before, after);
    await before.set('k', session());
    expect(await before.get('k')).not.toBeNull();
    expect(await after.get('k')).toBeNull();
  });
});
