import type { Problem } from '@repo/api-contracts/problem';

/** What went wrong with an API call, as the UI needs to tell it apart. */
export type ApiErrorKind =
  | 'unauthorized' // 401, or no token could be had: sign in again
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
  readonly requestId: string;

  constructor(input: {
    api: string;
    kind: ApiErrorKind;
    message: string;
    requestId: string;
    status?: number;
    problem?: Problem;
    cause?: unknown;
  }) {
    super(input.message, { cause: input.cause });
    this.api = input.api;
    this.kind = input.kind;
    this.status = input.status;
    this.problem = input.problem;
    this.requestId = input.requestId;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
