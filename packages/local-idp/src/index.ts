export { startLocalIdp, type LocalIdp, type StartOptions } from './server';
export type { MintOptions, UserTokenOptions } from './mint';
export { fileStateStore, memoryStateStore, type StateStore } from './state-store';
export { loadOrCreateSecrets, type IdpSecrets } from './keys';
export { isLocalCallback, isLocalPostLogoutTarget } from './redirect-rules';
