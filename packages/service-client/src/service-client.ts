import { attr } from '@repo/telemetry';
import type { z } from 'zod';
import { inCallSpan } from './call-spans';
import { BodyTooLargeError, readBody } from './read-body';
import { describe, TokenRequestError } from './token-request';
import type { TokenSource } from './token-source';
import { UpstreamError } from './upstream-error';

export interface ServiceClientOptions {
  /** The caller's service name (`orders-api`): error details say who could not call whom. */
  readonly caller: string;
  /** The callee's service name (`profile-api`). */
  readonly callee: string;
  /** Where the callee is (<CALLEE>_API_URL), without a trailing slash. */
  readonly baseUrl: string;
  /** What to ask the IdP for: the callee's audience and the scopes this caller is granted. */
  readonly audience: string;
  readonly scopes: readonly string[];
  readonly tokens: TokenSource;
  readonly fetch?: typeof fetch;
  /** One call, body included (default 3 s). */
  readonly timeoutMs?: number;
  /** The largest answer read (default 1 MiB). */
  readonly maxResponseBytes?: number;
  /** Told about each HTTP request to the callee (a metric): its status, or why there was none. */
  readonly onCall?: (call: { callee: string; outcome: string; seconds: number }) => void;
}

/** Query values: a list becomes a repeated parameter (`ids=a&ids=b`), each one URL-encoded. */
export type Query = Readonly<Record<string, string | readonly string[]>>;

export interface CallOptions<T> {
  readonly query?: Query;
  /** The contract of the answer: anything else is a 502, never a half-read object. */
  readonly schema: z.ZodType<T>;
  /** Passed on as X-Request-Id, so one request can be followed across both APIs' logs. */
  readonly requestId?: string;
  readonly signal?: AbortSignal;
}

/** Another API of the registry, called as this service. Every failure is an UpstreamError. */
export interface ServiceClient {
  readonly callee: string;
  get<T>(path: string, options: CallOptions<T>): Promise<T>;
}

export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const { caller, callee, audience, scopes, tokens } = options;
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;

  async function tokenFor(): Promise<string> {
    try {
      return await tokens.get(audience, scopes);
    } catch (error) {
      const failure = error instanceof TokenRequestError ? error : undefined;
      const refused = failure?.reason === 'refused' || failure?.reason === 'invalid-response';
      throw new UpstreamError(
        callee,
        refused ? 'token-refused' : 'token-unavailable',
        `${caller} could not get a token for ${callee}: ${failure?.message ?? String(error)}`,
      );
    }
  }

  /**
   * One GET, retried once at once when the connection failed before any answer: a kept-alive
   * connection to a callee that restarted is dead, and the request on it never arrived (GET is
   * idempotent anyway). A timeout is not retried: the time is spent.
   */
  async function send(
    path: string,
    url: string,
    token: string,
    call: CallOptions<unknown>,
  ): Promise<{ status: number; text: string }> {
    try {
      return await sendOnce(path, url, token, call);
    } catch (error) {
      if (error instanceof UpstreamError && error.reason === 'unreachable')
        return sendOnce(path, url, token, call);
      throw error;
    }
  }

  async function sendOnce(
    path: string,
    url: string,
    token: string,
    call: CallOptions<unknown>,
  ): Promise<{ status: number; text: string }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(call.requestId ? { 'x-request-id': call.requestId } : {}),
    };
    const started = performance.now();
    const report = (outcome: string) =>
      options.onCall?.({ callee, outcome, seconds: (performance.now() - started) / 1000 });
    try {
      const answer = await inCallSpan(callee, 'GET', path, url, headers, async (span) => {
        const res = await fetchFn(url, { headers, signal, redirect: 'error' });
        span.setAttribute(attr.httpResponseStatusCode, res.status);
        return { status: res.status, text: await readBody(res, maxBytes) };
      });
      report(String(answer.status));
      return answer;
    } catch (error) {
      report(
        timeout.aborted
          ? 'timeout'
          : error instanceof BodyTooLargeError
            ? 'invalid-response'
            : 'unreachable',
      );
      if (error instanceof BodyTooLargeError)
        throw new UpstreamError(callee, 'invalid-response', `${callee}: ${error.message}`);
      if (timeout.aborted)
        throw new UpstreamError(
          callee,
          'timeout',
          `${callee} did not answer within ${timeoutMs} ms`,
        );
      if (call.signal?.aborted) throw error;
      throw new UpstreamError(
        callee,
        'unreachable',
        `${callee} is unreachable (${describe(error)})`,
      );
    }
  }

  return {
    callee,
    async get(path, call) {
      const url = `${options.baseUrl}${path}${queryString(call.query)}`;
      let token = await tokenFor();
      let answer = await send(path, url, token, call);
      if (answer.status === 401) {
        // The callee no longer takes this token (a rotated key, a revoked grant): one new
        // token, one retry. A second 401 is not going to change by asking again.
        tokens.invalidate(audience, scopes, token);
        token = await tokenFor();
        answer = await send(path, url, token, call);
      }
      const { status, text } = answer;
      if (status === 503 || status === 429)
        throw new UpstreamError(callee, 'unavailable', `${callee} answered ${status}`);
      if (status < 200 || status > 299)
        throw new UpstreamError(
          callee,
          'status',
          `${callee} answered ${status}${problemDetail(text)}`,
        );
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new UpstreamError(
          callee,
          'invalid-response',
          `${callee} answered ${status} without JSON`,
        );
      }
      const parsed = call.schema.safeParse(json);
      if (!parsed.success) {
        throw new UpstreamError(
          callee,
          'invalid-response',
          `${callee}'s answer does not match the contract: ${parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.') || '(root)'} ${i.message}`)
            .join('; ')}`,
        );
      }
      return parsed.data;
    },
  };
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of typeof value === 'string' ? [value] : value) params.append(name, one);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The callee's own problem+json detail, when it gave one: `: <detail>`. */
function problemDetail(text: string): string {
  try {
    const detail = (JSON.parse(text) as { detail?: unknown }).detail;
    return typeof detail === 'string' ? `: ${detail.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}
