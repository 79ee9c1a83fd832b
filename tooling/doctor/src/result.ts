/**
 * What every check returns. A check never prints and never exits: the runner collects results,
 * a renderer turns them into a table or JSON, and only the CLI does I/O.
 */

/**
 * `warn` and `info` never fail the run: a warning is worth knowing (small clock skew), an info
 * line is something to do outside this machine (URLs to register in the Auth0 dashboard).
 * `skip` means a check could not run because something it needs already failed.
 */
export type Status = 'pass' | 'fail' | 'warn' | 'info' | 'skip';

export type CheckGroup =
  | 'env'
  | 'issuer'
  | 'audiences'
  | 'cors'
  | 'redirects'
  | 'clock'
  | 'routes'
  | 'sessions'
  | 'calls'
  | 'services';

export interface CheckResult {
  readonly group: CheckGroup;
  /** What was checked, e.g. `web AUTH0_SECRET` or `orders-api /readyz`. */
  readonly subject: string;
  readonly status: Status;
  /** One line: what was found. */
  readonly detail: string;
  /** One line, on `fail` and `warn`: what to do about it. */
  readonly fix?: string;
}

export const failing = (r: CheckResult): boolean => r.status === 'fail';

export function pass(group: CheckGroup, subject: string, detail: string): CheckResult {
  return { group, subject, status: 'pass', detail };
}

export function fail(group: CheckGroup, subject: string, detail: string, fix: string): CheckResult {
  return { group, subject, status: 'fail', detail, fix };
}

export function warn(group: CheckGroup, subject: string, detail: string, fix: string): CheckResult {
  return { group, subject, status: 'warn', detail, fix };
}

export function info(group: CheckGroup, subject: string, detail: string): CheckResult {
  return { group, subject, status: 'info', detail };
}

export function skip(group: CheckGroup, subject: string, detail: string): CheckResult {
  return { group, subject, status: 'skip', detail };
}
