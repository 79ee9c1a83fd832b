export {
  runAuthMatrix,
  authCases,
  expectAuthFailure,
  type AuthMatrixOptions,
  type AuthCase,
  type HttpMethod,
  type TestApp,
} from './auth-matrix';
export { runCorsChecks, hostileOrigins, type CorsCheckOptions } from './cors-checks';
export { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './test-database';
export { captureLogs, type CapturedLogs } from './log-capture';
export {
  algNoneToken,
  hs256WithPublicKeyToken,
  tamperedSignatureToken,
  unknownKidToken,
  kidOf,
  type AttackClaims,
} from './attack-tokens';
export type { TestIdp, MintOptions } from './test-idp';
export { startJwksIssuer, type JwksIssuer } from './jwks-issuer';
export { testApiConfig, testWebOrigin } from './api-config';
export { jwtBearerVerifier, type JwtVerifierOptions } from './jwt-bearer-verifier';
