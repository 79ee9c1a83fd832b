export { serviceClientsFor } from './clients-for';
export type { ServiceClient } from './service-client';
export { UpstreamError } from './upstream-error';
