import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { StateStore } from './state-store';

export interface AdapterOptions {
  store: StateStore;
  /** Seconds a rotated refresh token stays usable (Auth0's "reuse interval"). */
  refreshTokenReuseWindowSeconds: number;
  now?: () => number;
}

/**
 * oidc-provider's storage adapter over a StateStore.
 *
 * One Auth0 behaviour lives here: after a refresh token is rotated, the old one still works for
 * the reuse window, so two tabs refreshing at once do not log the user out. Within the window a
 * consumed token reads as unconsumed; after it, oidc-provider sees `consumed` and revokes the
 * whole grant, which is the reuse detection Auth0 also does.
 */
export function createAdapterClass(options: AdapterOptions): new (model: string) => Adapter {
  const now = options.now ?? Date.now;
  const { store } = options;

  return class StoreAdapter implements Adapter {
    private readonly model: string;

    constructor(model: string) {
      this.model = model;
    }

    private get map() {
      return store.entries(this.model);
    }

    private live(id: string): AdapterPayload | undefined {
      const entry = this.map.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt !== undefined && entry.expiresAt <= now()) {
        this.map.delete(id);
        return undefined;
      }
      return entry.payload as AdapterPayload;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      this.map.set(id, {
        payload: { ...payload },
        ...(expiresIn ? { expiresAt: now() + expiresIn * 1000 } : {}),
      });
      store.changed(this.model);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      const payload = this.live(id);
      if (!payload) return undefined;
      if (this.model === 'RefreshToken' && typeof payload.consumed === 'number') {
        const ageSeconds = now() / 1000 - payload.consumed;
        if (ageSeconds <= options.refreshTokenReuseWindowSeconds) {
          const { consumed: _consumed, ...reusable } = payload;
          return reusable as AdapterPayload;
        }
      }
      return { ...payload };
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      for (const [id, entry] of this.map)
        if (entry.payload.userCode === userCode) return this.live(id);
      return undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      for (const [id, entry] of this.map) if (entry.payload.uid === uid) return this.live(id);
      return undefined;
    }

    async consume(id: string): Promise<void> {
      const entry = this.map.get(id);
      if (!entry || typeof entry.payload.consumed === 'number') return;
      entry.payload = { ...entry.payload, consumed: Math.floor(now() / 1000) };
      store.changed(this.model);
    }

    async destroy(id: string): Promise<void> {
      if (this.map.delete(id)) store.changed(this.model);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      let removed = false;
      for (const [id, entry] of this.map) {
        if (entry.payload.grantId === grantId) {
          this.map.delete(id);
          removed = true;
        }
      }
      if (removed) store.changed(this.model);
    }
  };
}
