import { inTokenSpan } from './call-spans';
import type { ClientCredentials } from '@repo/auth-config';
import { z } from 'zod';
import { BodyTooLargeError, readBody } from './read-body';

/**
 * Why a token request failed. `unreachable` and `timeout` are the IdP's state (try again
 * later); `refused` (invalid_client, access_denied: wrong secret, no client grant) and
 * `invalid-response` are configuration, and stay wrong until someone fixes them.
 */
export type TokenFailure = 'unreachable' | 'timeout' | 'refused' | 'invalid-response';

export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
  constructor(
    readonly reason: TokenFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface IssuedToken {
  readonly accessToken: string;
  /** The lifetime the IdP gave it (`expires_in`), in seconds. */
  readonly expiresInSeconds: number;
}

// Auth0's answer (and the local IdP's): the token, its type and lifetime, the granted scope.
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, 'must be Bearer'),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});

const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/** A token endpoint's answer is a few hundred bytes; anything far larger is not one. */
const maxTokenResponseBytes = 64 * 1024;

export interface TokenRequest {
  readonly credentials: ClientCredentials;
  readonly audience: string;
  readonly scopes: readonly string[];
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

/**
 * One client-credentials request (client_secret_post, the form Auth0 and the local IdP both
 * take). Every failure is a TokenRequestError whose message names the IdP's own words and never
 * the secret.
 */
export function requestToken(request: TokenRequest): Promise<IssuedToken> {
  return inTokenSpan(request.credentials.tokenUrl, request.audience, () => sendRequest(request));
}

async function sendRequest(request: TokenRequest): Promise<IssuedToken> {
  const { credentials, audience, scopes, timeoutMs } = request;
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    audience,
    ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
  });
  const signal = AbortSignal.timeout(timeoutMs);
  let status: number;
  let text: string;
  try {
    const res = await request.fetch(credentials.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal,
      redirect: 'error',
    });
    status = res.status;
    text = await readBody(res, maxTokenResponseBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new TokenRequestError('invalid-response', `the IdP's answer: ${error.message}`);
    if (signal.aborted)
      throw new TokenRequestError('timeout', `the IdP did not answer within ${timeoutMs} ms`);
    throw new TokenRequestError('unreachable', `the IdP is unreachable (${describe(error)})`);
  }
  const json = parseJson(text);
  if (status !== 200) {
    const said = oauthErrorSchema.safeParse(json);
    const words = said.success
      ? `${said.data.error}${said.data.error_description ? `: ${said.data.error_description}` : ''}`
      : `HTTP ${status}`;
    // 5xx and 429 say the IdP is in trouble (or the quota is spent): unavailable, not refused.
    const reason = status >= 500 || status === 429 ? 'unreachable' : 'refused';
    throw new TokenRequestError(reason, `the IdP answered ${status} (${words})`);
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success)
    throw new TokenRequestError('invalid-response', 'the IdP answered 200 without a bearer token');
  const granted = new Set((parsed.data.scope ?? scopes.join(' ')).split(' ').filter(Boolean));
  const missing = scopes.filter((s) => !granted.has(s));
  if (missing.length > 0) {
    throw new TokenRequestError(
      'refused',
      `the IdP granted the token without ${missing.join(' ')} (check the client grant)`,
    );
  }
  return { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `ECONNREFUSED`, `ENOTFOUND`, …: the cause's code, else the message. */
export function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
