import type { SessionDurations, StoredSession } from './types';

/**
 * When a stored session must be gone (ms since the epoch): the SDK's rolling window from now,
 * never past its absolute limit from the session's creation. Every write resets it, as the
 * SessionDataStore contract asks; a session already past its limit gets 0 (delete it).
 */
export function expiresAtMs(
  session: StoredSession,
  durations: SessionDurations,
  nowMs: number,
): number {
  const createdAtMs = (session.internal?.createdAt ?? nowMs / 1000) * 1000;
  const absolute = createdAtMs + durations.absoluteSeconds * 1000;
  const rolling = nowMs + durations.inactivitySeconds * 1000;
  return Math.max(0, Math.min(absolute, rolling));
}
