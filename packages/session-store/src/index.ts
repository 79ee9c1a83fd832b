export { createRedisSessionStore } from './redis-store';
export { createEmbeddedSessionStore } from './embedded-store';
export type { WebSessionStore, StoredToken, StoredSession } from './types';
