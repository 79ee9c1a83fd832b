import { randomUUID } from 'node:crypto';
import { problemSchema } from '@repo/api-contracts/problem';
import { attr } from '@repo/telemetry';
import type { z } from 'zod';
import { inApiSpan } from '../observability/api-span';
import {
  ApiError,
  isConfigurationRefusal,
  kindOfStatus,
  parseBearerChallenge,
  type ApiErrorKind,
} from './api-error';

export interface ApiTiming {
  readonly api: string;
  readonly method: string;
  readonly path: string;
  readonly requestId: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly status: number | undefined;
}

export interface ApiHttpOptions {
  /** Names the API in errors and logs, e.g. `orders`. */
  readonly api: string;
  readonly baseUrl: string;
  /** A bearer token for this API's audience; called once per request. */
  readonly getToken: () => Promise<string>;
  /** What a failure of getToken means for the user (default: sign in again). */
  readonly tokenFailureKind?: (error: unknown) => { kind: ApiErrorKind; message: string };
  /** Told when the API refuses the token (401/403), with what its WWW-Authenticate said. */
  readonly onRefusal?: (refusal: {
    api: string;
    status: number;
    error?: string;
    description?: string;
  }) => void;
  readonly timeoutMs: number;
  readonly fetchImpl?: typeof fetch;
  readonly newRequestId?: () => string;
  /** Called once per finished request: the server logs it, so overlapping calls show. */
  readonly onTiming?: (timing: ApiTiming) => void;
  readonly now?: () => number;
}

export interface ApiRequest<S extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly schema: S;
}

export interface ApiResponse<T> {
  readonly data: T;
  readonly status: number;
  readonly headers: Headers;
  readonly requestId: string;
}

export type ApiHttp = <S extends z.ZodType>(
  request: ApiRequest<S>,
) => Promise<ApiResponse<z.infer<S>>>;

/**
 * One API's HTTP client: bearer token, X-Request-Id, a timeout, zod-checked answers, and every
 * failure as an ApiError whose `kind` the UI can switch on. No retries: the caller decides.
 */
export function createApiHttp(options: ApiHttpOptions): ApiHttp {
  const fetchImpl = options.fetchImpl ?? fetch;
  const newRequestId = options.newRequestId ?? randomUUID;
  const now = options.now ?? Date.now;

  return async function send<S extends z.ZodType>(request: ApiRequest<S>) {
    const requestId = newRequestId();
    const fail = (
      kind: ApiError['kind'],
      message: string,
      extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {},
    ) =>
      new ApiError({
        api: options.api,
        kind,
        message: `${options.api} API: ${message}`,
        requestId,
        ...extra,
      });

    let token: string;
    try {
      token = await options.getToken();
    } catch (cause) {
      const failure = options.tokenFailureKind?.(cause) ?? {
        kind: 'unauthorized' as const,
        message: 'no access token for this API; sign in again',
      };
      throw fail(failure.kind, failure.message, { cause });
    }

    const url = urlOf(options.baseUrl, request.path, request.query);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
      'X-Request-Id': requestId,
      ...request.headers,
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';

    const startedAt = now();
    let status: number | undefined;
    const report = () =>
      options.onTiming?.({
        api: options.api,
        method: request.method,
        path: request.path,
        requestId,
        startedAt,
        durationMs: now() - startedAt,
        status,
      });

    try {
      // One signal covers connecting, the headers and the body: a slow body is a timeout too.
      const signal = AbortSignal.timeout(options.timeoutMs);
      let response: Response;
      let text: string;
      try {
        ({ response, text } = await inApiSpan(
          options.api,
          request.method,
          request.path,
          url,
          headers,
          async (span) => {
            const answer = await fetchImpl(url, {
              method: request.method,
              headers,
              body: request.body === undefined ? undefined : JSON.stringify(request.body),
              signal,
              cache: 'no-store',
              redirect: 'error',
            });
            status = answer.status;
            span.setAttribute(attr.httpResponseStatusCode, answer.status);
            return { response: answer, text: await answer.text() };
          },
        ));
      } catch (cause) {
        if (signal.aborted)
          throw fail('timeout', `no answer within ${options.timeoutMs} ms`, { cause, status });
        throw fail('unreachable', `could not connect to ${new URL(options.baseUrl).origin}`, {
          cause,
        });
      }

      const json = parseJson(text);
      if (!response.ok) {
        const problem = problemSchema.safeParse(json);
        const detail = problem.success
          ? problem.data.detail || problem.data.title
          : `HTTP ${response.status}`;
        const challenge = parseBearerChallenge(response.headers.get('www-authenticate'));
        if (challenge && (response.status === 401 || response.status === 403)) {
          options.onRefusal?.({ api: options.api, status: response.status, ...challenge });
        }
        const kind =
          response.status === 401 && isConfigurationRefusal(challenge)
            ? 'misconfigured'
            : kindOfStatus(response.status);
        throw fail(kind, challenge?.description ?? detail, {
          status: response.status,
          problem: problem.success ? problem.data : undefined,
          challenge,
        });
      }
      const parsed = request.schema.safeParse(json);
      if (!parsed.success) {
        throw fail(
          'invalid-response',
          `answer to ${request.method} ${request.path} does not match the contract`,
          {
            status: response.status,
            cause: parsed.error,
          },
        );
      }
      return { data: parsed.data, status: response.status, headers: response.headers, requestId };
    } finally {
      report();
    }
  };
}

function urlOf(baseUrl: string, path: string, query: ApiRequest<z.ZodType>['query']): string {
  const url = new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
