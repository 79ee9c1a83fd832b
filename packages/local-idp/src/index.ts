export { startLocalIdp, type LocalIdp, type StartOptions } from './server';
export type { LogoutDelivery } from './backchannel';
export type { EndUserSessionsResult } from './end-sessions';

export { fileStateStore } from './state-store';
export { loadOrCreateSecrets } from './keys';
