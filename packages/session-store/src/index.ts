export { createRedisSessionStore, type RedisStoreOptions } from './redis-store';
export { createEmbeddedSessionStore, type EmbeddedStoreOptions } from './embedded-store';
export type {
  WebSessionStore,
  StoredToken,
  StoredSession,
  SessionLock,
  SessionDurations,
  LogoutToken,
} from './types';
