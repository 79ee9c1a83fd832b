/**
 * What the store needs to know of a session: nextjs-auth0's SessionData has these fields (the
 * web app instantiates the store with that type); everything else is stored as it comes.
 */
export interface StoredSession {
  readonly user: { readonly sub: string };
  readonly internal: { readonly sid: string; readonly createdAt: number };
}

/** The claims of a verified back-channel logout token the SDK hands the store. */
export interface LogoutToken {
  readonly sid?: string;
  readonly sub?: string;
  readonly iss?: string;
}

/**
 * A token the web app keeps for a session beside the SDK's own session record: the current
 * refresh token (`refresh`), and the access tokens the token broker fetched, one per audience and
 * scope. Kept apart from the SDK's record so that the SDK rolling a session (it writes the whole
 * record back) can never put an older refresh token over a newer one.
 */
export interface StoredToken {
  readonly value: string;
  /** Seconds since the epoch; a refresh token has none. */
  readonly expiresAt?: number;
  readonly scope?: string;
  readonly audience?: string;
}

export interface SessionLock {
  /** Releases the lock if it is still ours (it expires by itself otherwise). */
  release(): Promise<void>;
}

/**
 * nextjs-auth0's SessionDataStore (the cookie holds only an encrypted session id), plus what the
 * token broker needs: tokens beside the session, written only while the session exists, and
 * short locks that hold across processes (web replicas share Redis).
 */
export interface WebSessionStore<S extends StoredSession = StoredSession> {
  readonly kind: 'redis' | 'embedded';
  get(id: string): Promise<S | null>;
  /** Upsert; every write resets the session's expiry (the SessionDataStore contract). */
  set(id: string, session: S): Promise<void>;
  /** Writes only if the session still exists, atomically: true if it did. */
  update(id: string, session: S): Promise<boolean>;
  delete(id: string): Promise<void>;
  deleteByLogoutToken(token: LogoutToken): Promise<void>;
  /** Every token kept for the session, by name; undefined when the session does not exist. */
  readTokens(id: string): Promise<Record<string, StoredToken> | undefined>;
  /**
   * Saves tokens for a session that still exists (false, and nothing written, otherwise: a
   * logout between the refresh and the save must not bring the session back). `replaceRefresh`
   * saves a new refresh token only if the stored one is still `previous` (a rotation that lost a
   * race keeps the newer one).
   */
  writeTokens(
    id: string,
    tokens: Record<string, StoredToken>,
    replaceRefresh?: { readonly previous: string | undefined; readonly next: string },
  ): Promise<boolean>;
  /** A lock named `name` for `ttlMs`, or undefined when someone else holds it. */
  tryLock(name: string, ttlMs: number): Promise<SessionLock | undefined>;
  /** Ids of every live session of a user (`sub`): for tests, the doctor and admin tools. */
  sessionsOf(sub: string): Promise<string[]>;
  /** Resolves when the store answers; rejects with the reason otherwise (readiness, doctor). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How long a session lives: nextjs-auth0's rolling and absolute durations, in seconds. */
export interface SessionDurations {
  readonly absoluteSeconds: number;
  readonly inactivitySeconds: number;
}
