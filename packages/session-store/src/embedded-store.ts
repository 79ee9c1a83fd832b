import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expiresAtMs } from './expiry';
import { createSealer } from './seal';
import type {
  LogoutToken,
  SessionDurations,
  StoredSession,
  StoredToken,
  WebSessionStore,
} from './types';

export interface EmbeddedStoreOptions {
  /** A folder of its own (`.data/web/` in dev); the file is created there. */
  readonly dir: string;
  readonly secret: string;
  readonly durations: SessionDurations;
  readonly now?: () => number;
}

/**
 * Sessions in a SQLite file (node:sqlite), for `pnpm dev` and single-process runs: no server to
 * install, sessions survive a restart of the web app, and every module graph of the same Next.js
 * process (the proxy, the pages, the route handlers) and any other process on the machine sees the
 * same sessions, which an in-memory map would not give. WAL mode lets readers and the writer work
 * side by side; a write waits up to 5 s for another. Values are encrypted as in Redis.
 */
export function createEmbeddedSessionStore<S extends StoredSession>(
  options: EmbeddedStoreOptions,
): WebSessionStore<S> {
  mkdirSync(options.dir, { recursive: true });
  const db = new DatabaseSync(join(options.dir, 'sessions.sqlite'));
  db.exec(`
    pragma journal_mode = wal;
    pragma busy_timeout = 5000;
    pragma synchronous = normal;
    create table if not exists sessions (
      key text primary key, value text not null, expires_at integer not null, sid_key text, sub_key text);
    create index if not exists sessions_sid on sessions (sid_key);
    create index if not exists sessions_sub on sessions (sub_key);
    create table if not exists tokens (
      session_key text not null, name text not null, value text not null, fingerprint text,
      primary key (session_key, name));
    create table if not exists locks (name text primary key, owner text not null, expires_at integer not null);
  `);
  const now = options.now ?? Date.now;
  const sealer = createSealer(options.secret);
  const keyOf = (id: string) => sealer.keyOf('session', id);

  const q = {
    get: db.prepare('select value from sessions where key = ? and expires_at > ?'),
    upsert:
      db.prepare(`insert into sessions (key, value, expires_at, sid_key, sub_key) values (?, ?, ?, ?, ?)
      on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at,
        sid_key = excluded.sid_key, sub_key = excluded.sub_key`),
    update: db.prepare(
      'update sessions set value = ?, expires_at = ?, sid_key = ?, sub_key = ? where key = ? and expires_at > ?',
    ),
    delete: db.prepare('delete from sessions where key = ?'),
    deleteTokens: db.prepare('delete from tokens where session_key = ?'),
    bySid: db.prepare('select key from sessions where sid_key = ?'),
    bySidAndSub: db.prepare('select key from sessions where sid_key = ? and sub_key = ?'),
    bySub: db.prepare('select key from sessions where sub_key = ? and expires_at > ?'),
    exists: db.prepare('select 1 from sessions where key = ? and expires_at > ?'),
    tokens: db.prepare('select name, value from tokens where session_key = ?'),
    putToken:
      db.prepare(`insert into tokens (session_key, name, value, fingerprint) values (?, ?, ?, ?)
      on conflict (session_key, name) do update set value = excluded.value, fingerprint = excluded.fingerprint`),
    refreshFingerprint: db.prepare(
      "select fingerprint from tokens where session_key = ? and name = 'refresh'",
    ),
    purge: db.prepare('delete from sessions where expires_at <= ?'),
    purgeTokens: db.prepare(
      'delete from tokens where session_key not in (select key from sessions)',
    ),
    takeLock: db.prepare(`insert into locks (name, owner, expires_at) values (?, ?, ?)
      on conflict (name) do update set owner = excluded.owner, expires_at = excluded.expires_at where locks.expires_at <= ?`),
    releaseLock: db.prepare('delete from locks where name = ? and owner = ?'),
  };

  /** One writer at a time across connections; the work is synchronous, so no await inside. */
  function transaction<T>(work: () => T): T {
    db.exec('begin immediate');
    try {
      const result = work();
      db.exec('commit');
      return result;
    } catch (error) {
      db.exec('rollback');
      throw error;
    }
  }

  let writes = 0;
  /** Expired rows go now and then, on a write, so the file does not grow with dead sessions. */
  function purgeSometimes(): void {
    writes += 1;
    if (writes % 50 !== 1) return;
    q.purge.run(now());
    q.purgeTokens.run();
  }

  const indexKeys = (session: S) =>
    [
      session.internal?.sid ? sealer.keyOf('sid', session.internal.sid) : null,
      session.user?.sub ? sealer.keyOf('sub', session.user.sub) : null,
    ] as const;

  function deleteKeys(keys: readonly string[]): void {
    transaction(() => {
      for (const key of keys) {
        q.delete.run(key);
        q.deleteTokens.run(key);
      }
    });
  }

  return {
    kind: 'embedded',
    async get(id) {
      const row = q.get.get(keyOf(id), now()) as { value: string } | undefined;
      return row ? (sealer.open<S>(row.value) ?? null) : null;
    },
    async set(id, session) {
      const expires = expiresAtMs(session, options.durations, now());
      const [sid, sub] = indexKeys(session);
      transaction(() => {
        purgeSometimes();
        q.upsert.run(keyOf(id), sealer.seal(session), expires, sid, sub);
      });
    },
    async update(id, session) {
      const expires = expiresAtMs(session, options.durations, now());
      const [sid, sub] = indexKeys(session);
      // One statement: it changes the row only if the session still exists.
      const { changes } = q.update.run(sealer.seal(session), expires, sid, sub, keyOf(id), now());
      return Number(changes) > 0;
    },
    async delete(id) {
      deleteKeys([keyOf(id)]);
    },
    async deleteByLogoutToken(token: LogoutToken) {
      const rows = token.sid
        ? token.sub
          ? q.bySidAndSub.all(sealer.keyOf('sid', token.sid), sealer.keyOf('sub', token.sub))
          : q.bySid.all(sealer.keyOf('sid', token.sid))
        : token.sub
          ? q.bySub.all(sealer.keyOf('sub', token.sub), 0)
          : [];
      deleteKeys((rows as { key: string }[]).map((r) => r.key));
    },
    async readTokens(id) {
      const key = keyOf(id);
      if (!q.exists.get(key, now())) return undefined;
      const tokens: Record<string, StoredToken> = {};
      for (const row of q.tokens.all(key) as { name: string; value: string }[]) {
        const token = sealer.open<StoredToken>(row.value);
        if (token) tokens[row.name] = token;
      }
      return tokens;
    },
    async writeTokens(id, tokens, replaceRefresh) {
      const key = keyOf(id);
      return transaction(() => {
        if (!q.exists.get(key, now())) return false;
        for (const [name, token] of Object.entries(tokens))
          q.putToken.run(key, name, sealer.seal(token), null);
        if (replaceRefresh) {
          const current =
            (q.refreshFingerprint.get(key) as { fingerprint: string | null } | undefined)
              ?.fingerprint ?? null;
          const expected = replaceRefresh.previous
            ? sealer.keyOf('refresh', replaceRefresh.previous)
            : null;
          if (current === expected) {
            q.putToken.run(
              key,
              'refresh',
              sealer.seal({ value: replaceRefresh.next }),
              sealer.keyOf('refresh', replaceRefresh.next),
            );
          }
        }
        return true;
      });
    },
    async tryLock(name, ttlMs) {
      const lockName = sealer.keyOf('lock', name);
      const owner = randomBytes(12).toString('base64url');
      const { changes } = q.takeLock.run(lockName, owner, now() + ttlMs, now());
      if (Number(changes) === 0) return undefined;
      return {
        release: async () => {
          q.releaseLock.run(lockName, owner);
        },
      };
    },
    async sessionsOf(sub) {
      return (q.bySub.all(sealer.keyOf('sub', sub), now()) as { key: string }[]).map((r) => r.key);
    },
    async ping() {
      db.prepare('select 1').get();
    },
    async close() {
      db.close();
    },
  };
}
