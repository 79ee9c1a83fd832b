import { HttpProblem, problemTypes } from '@repo/service-kit';

/**
 * What went wrong with a call to another API:
 * - `unreachable`: no connection (503, retry later);
 * - `timeout`: no complete answer in time (504);
 * - `unavailable`: it answered 503 or 429 (503);
 * - `status`: it answered another error, 401/403 after a fresh token included (502);
 * - `invalid-response`: its answer is not what the contract says (502);
 * - `token-unavailable`: the IdP could not be asked for a token (503);
 * - `token-refused`: the IdP refused this service's credentials or grant (502: configuration).
 */
export type UpstreamReason =
  | 'unreachable'
  | 'timeout'
  | 'unavailable'
  | 'status'
  | 'invalid-response'
  | 'token-unavailable'
  | 'token-refused';

const statusOf: Record<UpstreamReason, 502 | 503 | 504> = {
  unreachable: 503,
  timeout: 504,
  unavailable: 503,
  status: 502,
  'invalid-response': 502,
  'token-unavailable': 503,
  'token-refused': 502,
};

/**
 * A failed call to another API, as this API answers it when the handler lets it through: a
 * problem+json 502, 503 or 504 of type `upstream-failed` whose detail names the upstream and the
 * reason. A handler that can do without the answer catches it instead (the admin list does).
 */
export class UpstreamError extends HttpProblem {
  override readonly name = 'UpstreamError';
  constructor(
    /** The callee's service name, e.g. `profile-api`. */
    readonly upstream: string,
    readonly reason: UpstreamReason,
    detail: string,
  ) {
    const status = statusOf[reason];
    super(status, problemTypes.upstream, detail, {
      // Worth a retry in a moment; a configuration problem is not.
      headers: status === 502 ? {} : { 'Retry-After': '5' },
    });
  }
}
