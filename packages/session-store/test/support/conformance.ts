import { describe, expect, it } from 'vitest';
import type { StoredSession, WebSessionStore } from '../../src';

export interface TestSession extends StoredSession {
  readonly user: { readonly sub: string; readonly email: string };
  readonly internal: { readonly sid: string; readonly createdAt: number };
  readonly tokenSet: {
    readonly accessToken: string;
    readonly refreshToken: string;
    readonly expiresAt: number;
  };
}

let serial = 0;
export function session(sub = 'auth0|alice', sid = `sid-${++serial}`): TestSession {
  return {
    user: { sub, email: `${sub.split('|')[1]}@example.com` },
    internal: { sid, createdAt: Math.floor(Date.now() / 1000) },
    tokenSet: {
      accessToken: `at-${serial}-secret`,
      refreshToken: `rt-${serial}-secret`,
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    },
  };
}

export interface ConformanceContext {
  /** A store over the same storage as every other one this context opens (another replica). */
  open(): Promise<WebSessionStore<TestSession>>;
  /** Everything stored, raw, as an attacker with a dump of the storage would see it. */
  dump(): Promise<string>;
}

/** What every session store must do; run against the embedded store and against Redis. */
export function storeConformance(ctx: () => ConformanceContext): void {
  const id = () => `id-${Math.random().toString(36).slice(2)}`;

  describe('the SessionDataStore contract', () => {
    it('stores and returns a session, encrypted at rest: the dump holds no email, token or id', async () => {
      const store = await ctx().open();
      const key = id();
      const s = session('auth0|dumped');
      await store.set(key, s);
      expect(await store.get(key)).toEqual(s);
      const dump = await ctx().dump();
      for (const secret of [
        'dumped@example.com',
        s.tokenSet.accessToken,
        s.tokenSet.refreshToken,
        key,
        s.internal.sid,
      ]) {
        expect(dump, secret).not.toContain(secret);
      }
    });

    it('update() writes only a session that still exists: a logout is never undone by a late write', async () => {
      const store = await ctx().open();
      const key = id();
      const s = session();
      await store.set(key, s);
      expect(
        await store.update(key, { ...s, user: { ...s.user, email: 'changed@example.com' } }),
      ).toBe(true);
      expect((await store.get(key))?.user.email).toBe('changed@example.com');
      await store.delete(key);
      expect(await store.update(key, s)).toBe(false);
      expect(await store.get(key)).toBeNull();
    });

    it('another replica (another store over the same storage) sees the same sessions at once', async () => {
      const [a, b] = [await ctx().open(), await ctx().open()];
      const key = id();
      await a.set(key, session());
      expect(await b.get(key)).not.toBeNull();
      await b.delete(key);
      expect(await a.get(key)).toBeNull();
    });
  });

  describe('back-channel logout', () => {
    it('a logout token with a sid deletes that session only; one with a sub alone, every session of the user', async () => {
      const store = await ctx().open();
      const sub = `auth0|bcl-${id()}`;
      const [one, two, other] = [id(), id(), id()];
      const first = session(sub);
      await store.set(one, first);
      await store.set(two, session(sub));
      await store.set(other, session('auth0|someone-else', first.internal.sid));
      await store.deleteByLogoutToken({ sid: first.internal.sid, sub });
      expect(await store.get(one)).toBeNull();
      expect(await store.get(two)).not.toBeNull();
      expect(await store.get(other), 'same sid, another user').not.toBeNull();
      expect(await store.sessionsOf(sub)).toHaveLength(1);
      await store.deleteByLogoutToken({ sub });
      expect(await store.get(two)).toBeNull();
      expect(await store.sessionsOf(sub)).toEqual([]);
    });
  });

  describe('tokens beside the session', () => {
    it('are written only while the session exists, and go with it', async () => {
      const store = await ctx().open();
      const key = id();
      expect(await store.writeTokens(key, { 'access x': { value: 'a', expiresAt: 1 } })).toBe(
        false,
      );
      expect(await store.readTokens(key)).toBeUndefined();
      await store.set(key, session());
      expect(
        await store.writeTokens(key, { 'access x': { value: 'a', expiresAt: 1, audience: 'x' } }),
      ).toBe(true);
      expect(await store.readTokens(key)).toEqual({
        'access x': { value: 'a', expiresAt: 1, audience: 'x' },
      });
      await store.delete(key);
      expect(await store.readTokens(key)).toBeUndefined();
      expect(
        await store.writeTokens(key, { 'access y': { value: 'b' } }),
        'a deleted session stays deleted',
      ).toBe(false);
    });

    it('keeps the newest refresh token when two rotations race (compare-and-set on the previous one)', async () => {
      const store = await ctx().open();
      const key = id();
      await store.set(key, session());
      expect(await store.writeTokens(key, {}, { previous: undefined, next: 'rt-1' })).toBe(true);
      expect((await store.readTokens(key))?.refresh?.value).toBe('rt-1');
      // A refresh that started from the login's token finishes late: it must not win.
      await store.writeTokens(
        key,
        { 'access late': { value: 'late' } },
        { previous: undefined, next: 'rt-stale' },
      );
      expect((await store.readTokens(key))?.refresh?.value).toBe('rt-1');
      expect(
        (await store.readTokens(key))?.['access late']?.value,
        'its access token is still kept',
      ).toBe('late');
      await store.writeTokens(key, {}, { previous: 'rt-1', next: 'rt-2' });
      expect((await store.readTokens(key))?.refresh?.value).toBe('rt-2');
    });
  });

  describe('locks', () => {
    it('are exclusive across replicas, released only by their owner, and expire by themselves', async () => {
      const [a, b] = [await ctx().open(), await ctx().open()];
      const name = `lock-${id()}`;
      const held = await a.tryLock(name, 300);
      expect(held).toBeDefined();
      expect(await b.tryLock(name, 300)).toBeUndefined();
      await held!.release();
      const again = await b.tryLock(name, 200);
      expect(again).toBeDefined();
      await expect
        .poll(async () => (await a.tryLock(name, 1000)) !== undefined, {
          timeout: 2000,
          interval: 50,
        })
        .toBe(true);
      await again!.release(); // no longer its own: must not release a's lock
      expect(await b.tryLock(name, 1000)).toBeUndefined();
    });
  });
}
