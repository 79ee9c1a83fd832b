import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredEntry {
  payload: Record<string, unknown>;
  /** Epoch milliseconds; absent means it never expires. */
  expiresAt?: number;
}

/**
 * Where the IdP keeps sessions, grants and tokens, one map per oidc-provider model.
 * `changed()` is called after every write so that a file-backed store can persist it.
 */
export interface StateStore {
  entries(model: string): Map<string, StoredEntry>;
  changed(model: string): void;
}

/**
 * The ids of one model's unexpired entries whose payload matches, e.g. every session of one user.
 * oidc-provider's adapter interface has no such query (it finds by id, uid or grant), so the IdP's
 * dev actions read the store directly. A list, not a live view: callers delete while they go.
 */
export function findLiveIds(
  store: StateStore,
  model: string,
  now: number,
  match: (payload: Record<string, unknown>) => boolean,
): string[] {
  return [...store.entries(model)]
    .filter(([, e]) => (e.expiresAt === undefined || e.expiresAt > now) && match(e.payload))
    .map(([id]) => id);
}

/** Tests: fresh and gone with the process. */
export function memoryStateStore(): StateStore {
  const models = new Map<string, Map<string, StoredEntry>>();
  return {
    entries(model) {
      let map = models.get(model);
      if (!map) models.set(model, (map = new Map()));
      return map;
    },
    changed() {},
  };
}

/**
 * Dev: one JSON file per model under `dir`, so a restarted IdP still knows every session and
 * refresh token (oidc-provider's in-memory default would log everyone out). Writes are whole-file
 * and atomic (temp file + rename): the state is small and a torn file would lose all of it.
 */
export function fileStateStore(dir: string, now: () => number = Date.now): StateStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const models = new Map<string, Map<string, StoredEntry>>();
  const fileOf = (model: string) => join(dir, `${model}.json`);

  function load(model: string): Map<string, StoredEntry> {
    const map = new Map<string, StoredEntry>();
    let raw: string;
    try {
      raw = readFileSync(fileOf(model), 'utf8');
    } catch {
      return map;
    }
    try {
      const parsed = JSON.parse(raw) as Record<string, StoredEntry>;
      for (const [id, entry] of Object.entries(parsed)) {
        if (entry.expiresAt === undefined || entry.expiresAt > now()) map.set(id, entry);
      }
    } catch {
      // A corrupt file only costs the sessions in it; say so rather than refuse to start.
      process.stderr.write(`[local-idp] ignoring unreadable state file ${fileOf(model)}\n`);
    }
    return map;
  }

  return {
    entries(model) {
      let map = models.get(model);
      if (!map) models.set(model, (map = load(model)));
      return map;
    },
    changed(model) {
      const map = models.get(model);
      if (!map) return;
      const live = Object.fromEntries(
        [...map].filter(([, e]) => e.expiresAt === undefined || e.expiresAt > now()),
      );
      const file = fileOf(model);
      writeFileSync(`${file}.tmp`, JSON.stringify(live), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
  };
}
