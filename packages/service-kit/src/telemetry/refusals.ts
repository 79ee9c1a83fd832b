import { problemTypes, type ProblemType } from '../problems';

/**
 * The answers of the auth and CORS layers, by the reason a dashboard shows. A fixed map keeps
 * the label's values few, whatever the requests.
 */
const reasons: Partial<Record<ProblemType, string>> = {
  [problemTypes.unauthorized]: 'missing_token',
  [problemTypes.invalidRequest]: 'invalid_request',
  [problemTypes.invalidToken]: 'invalid_token',
  [problemTypes.insufficientScope]: 'insufficient_scope',
  [problemTypes.tooManyRequests]: 'rate_limited',
  [problemTypes.forbidden]: 'forbidden',
};

/** The refusal reason of a problem, or undefined when it is no refusal (a 404, a 500, …). */
export function refusalReason(type: ProblemType): string | undefined {
  return reasons[type];
}
