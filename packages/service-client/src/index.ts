export { serviceClientsFor, type ServiceClients, type ServiceClientsOptions } from './clients-for';
export { createServiceClient, type ServiceClient, type CallOptions } from './service-client';
export { createTokenSource, type TokenSource, type TokenEvent } from './token-source';
export { UpstreamError, type UpstreamReason } from './upstream-error';
