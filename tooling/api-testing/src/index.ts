export { runAuthMatrix, type HttpMethod } from './auth-matrix';
export { runCorsChecks } from './cors-checks';
export { createTestDatabase, type TestDatabase } from './test-database';
export { captureLogs } from './log-capture';
export { tamperedSignatureToken } from './attack-tokens';
export type { TestIdp } from './test-idp';
export { startJwksIssuer, type JwksIssuer } from './jwks-issuer';
export { testApiConfig, testWebOrigin } from './api-config';
export { runHostileBodies } from './hostile-inputs';
