export { createService, lifecycleOf, verifierOf, type ServiceAuthOptions } from './create-service';
export { createServiceMetrics, type ServiceMetrics } from './telemetry/metrics';
export {
  resilientJwtVerifier,
  type ResilientVerifier,
  type ResilientVerifierOptions,
} from './auth/resilient-verifier';
export {
  createKeySet,
  KeySetUnavailableError,
  keySetDefaults,
  type KeySetEvent,
} from './auth/key-set';
export {
  createTokenCache,
  tokenKey,
  defaultTokenCacheTtlMs,
  defaultTokenCacheEntries,
} from './auth/token-cache';
export { createInvalidTokenLimiter, invalidTokenLimitDefaults } from './auth/invalid-token-limiter';
export { startServer, type StartedServer } from './serve';
export {
  requireScope,
  requireServiceScope,
  subjectOf,
  claimsOf,
  type VerifiedClaims,
} from './scopes';
export type { TokenVerifier } from './token-verifier';

export {
  HttpProblem,
  problems,
  problemTypes,
  problemContentType,
  type FieldError,
} from './problems';
export { parseInput } from './validate';
export { staticJson, type StaticJsonSender } from './static-json';

export { createLogger, type Logger } from './logger';
export { type RequestLogFields } from './request-log';
