import type { Problem } from '@repo/api-contracts/problem';

/** What went wrong with an API call, as the UI needs to tell it apart. */
export type ApiErrorKind =
  | 'unauthorized' // 401 for an expired or refused token: sign in again
  | 'session-ended' // the session is gone (its refresh token no longer works): sign in again
  | 'misconfigured' // the API refuses the app's tokens (audience, issuer) or the IdP refuses one: not the user's doing
  | 'forbidden' // 403: signed in, but without the permission
  | 'not-found' // 404
  | 'conflict' // 409: e.g. cancelling an order that is not pending
  | 'unprocessable' // 422: e.g. an idempotency key reused with another body
  | 'bad-request' // other 4xx
  | 'server' // 5xx
  | 'timeout' // no answer within the client's timeout
  | 'unreachable' // connection refused, DNS, reset
  | 'invalid-response'; // an answer that does not match the contract

export function kindOfStatus(status: number): ApiErrorKind {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 422:
      return 'unprocessable';
    default:
      return status >= 500 ? 'server' : 'bad-request';
  }
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly api: string;
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  /** The RFC 9457 body when the API sent one. */
  readonly problem: Problem | undefined;
  /** What the API's WWW-Authenticate said (RFC 6750 error and description), when it said it. */
  readonly challenge: BearerChallenge | undefined;
  readonly requestId: string;

  constructor(input: {
    api: string;
    kind: ApiErrorKind;
    message: string;
    requestId: string;
    status?: number;
    problem?: Problem;
    challenge?: BearerChallenge;
    cause?: unknown;
  }) {
    super(input.message, { cause: input.cause });
    this.api = input.api;
    this.kind = input.kind;
    this.status = input.status;
    this.problem = input.problem;
    this.challenge = input.challenge;
    this.requestId = input.requestId;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** The parts of an RFC 6750 challenge a person can act on. */
export interface BearerChallenge {
  readonly error: string | undefined;
  readonly description: string | undefined;
}

/** `Bearer realm="…", error="invalid_token", error_description="…"` → its error and description. */
export function parseBearerChallenge(header: string | null): BearerChallenge | undefined {
  if (!header || !/^bearer\b/i.test(header)) return undefined;
  const param = (name: string) => new RegExp(`${name}="([^"]*)"`, 'i').exec(header)?.[1];
  return { error: param('error'), description: param('error_description') };
}

/**
 * A 401 that no new login can fix: the API does not accept tokens for this audience or from this
 * issuer. A configuration error (AUTH0_AUDIENCE on one side, AUTH0_DOMAIN on the other), never
 * "your session has expired", which would send the user round the same loop forever.
 */
export function isConfigurationRefusal(challenge: BearerChallenge | undefined): boolean {
  return /\b(aud|iss)\b/.test(challenge?.description ?? '');
}
