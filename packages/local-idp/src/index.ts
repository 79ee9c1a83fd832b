export { startLocalIdp, type LocalIdp, type StartOptions } from './server';

export { fileStateStore } from './state-store';
export { loadOrCreateSecrets } from './keys';
