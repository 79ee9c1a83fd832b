export {
  createService,
  lifecycleOf,
  verifierOf,
  type ServiceOptions,
  type ServiceLifecycle,
  type ServiceAuthOptions,
} from './create-service';
export {
  resilientJwtVerifier,
  type ResilientVerifier,
  type ResilientVerifierOptions,
  type VerifierStats,
} from './auth/resilient-verifier';
export {
  createKeySet,
  KeySetUnavailableError,
  keySetDefaults,
  type KeySet,
  type KeySetEvent,
  type KeySetOptions,
  type FetchReason,
} from './auth/key-set';
export {
  createTokenCache,
  tokenKey,
  defaultTokenCacheTtlMs,
  defaultTokenCacheEntries,
  type TokenCache,
  type TokenCacheOptions,
  type VerifiedToken,
} from './auth/token-cache';
export {
  createInvalidTokenLimiter,
  invalidTokenLimitDefaults,
  type InvalidTokenLimiter,
  type InvalidTokenLimitOptions,
} from './auth/invalid-token-limiter';
export { startServer, type StartedServer, type StartServerOptions } from './serve';
export { requireScope, subjectOf, claimsOf, grantedScopes, type VerifiedClaims } from './scopes';
export type { TokenVerifier } from './token-verifier';
export { bearerPrecheck } from './bearer-precheck';
export { bearerChallenge, missingCredentials, invalidRequest, invalidToken, insufficientScope } from './auth-errors';
export {
  HttpProblem,
  problems,
  problemTypes,
  problemTypeBase,
  problemContentType,
  titleOf,
  type ProblemBody,
  type ProblemType,
  type FieldError,
} from './problems';
export { parseInput } from './validate';
export { toHttpProblem, problemErrorHandler, notFoundHandler, problemBody } from './error-handler';
export { corsFor, corsAllowedHeaders, corsExposedHeaders, corsMaxAgeSeconds } from './cors';
export { createLogger, httpLogger, redactUrl, redactedPaths, type Logger, type LoggerOptions } from './logger';
export { assignRequestId, requestIdHeader } from './request-id';
export { healthRoutes, type Readiness } from './health';
export { jsonBody, requireJsonBody, defaultBodyLimit } from './body';
