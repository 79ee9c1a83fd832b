import { HttpProblem, problemTypes } from './problems';

/**
 * RFC 6750 §3 challenges. The realm names the API's audience so a client talking to several APIs
 * can tell which one refused it.
 */
export function bearerChallenge(
  realm: string,
  error?: {
    code: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
    description: string;
    scope?: string;
  },
): string {
  const parts = [`realm="${realm}"`];
  if (error) {
    parts.push(`error="${error.code}"`, `error_description="${headerSafe(error.description)}"`);
    if (error.scope) parts.push(`scope="${error.scope}"`);
  }
  return `Bearer ${parts.join(', ')}`;
}

/**
 * A quoted-string of RFC 6750's error_description allows only %x20-21 / %x23-5B / %x5D-7E. The
 * description often quotes a token's own header (a `crit` name, an `alg`): quotes and backslashes
 * become `'` (as the library's messages read), anything else outside that range (CR/LF,
 * non-ASCII) `?`, and it is cut at 200 characters. A raw CR/LF or non-Latin-1 character would make
 * Node refuse the header and Express answer an HTML 500.
 */
export function headerSafe(text: string): string {
  const safe = text.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');
  return safe.length > 200 ? `${safe.slice(0, 197)}...` : safe;
}

/** 401 with no error code: the request carried no usable credentials (RFC 6750 §3.1). */
export function missingCredentials(realm: string, detail: string): HttpProblem {
  return new HttpProblem(401, problemTypes.unauthorized, detail, {
    headers: { 'WWW-Authenticate': bearerChallenge(realm) },
  });
}

export function invalidRequest(realm: string, detail: string): HttpProblem {
  return new HttpProblem(400, problemTypes.invalidRequest, detail, {
    headers: {
      'WWW-Authenticate': bearerChallenge(realm, { code: 'invalid_request', description: detail }),
    },
  });
}

export function invalidToken(realm: string, detail: string): HttpProblem {
  return new HttpProblem(401, problemTypes.invalidToken, detail, {
    headers: {
      'WWW-Authenticate': bearerChallenge(realm, { code: 'invalid_token', description: detail }),
    },
  });
}

export function insufficientScope(realm: string, scopes: readonly string[]): HttpProblem {
  const detail = `This request needs the scope ${scopes.join(' ')}.`;
  return new HttpProblem(403, problemTypes.insufficientScope, detail, {
    headers: {
      'WWW-Authenticate': bearerChallenge(realm, {
        code: 'insufficient_scope',
        description: detail,
        scope: scopes.join(' '),
      }),
    },
  });
}

/**
 * 403 for a token of the wrong kind of caller: a client-credentials token on a user route, or
 * a user's token on a service route. RFC 6750 has no closer code than insufficient_scope; no
 * `scope` is named, since no scope would make this token acceptable.
 */
export function wrongCaller(realm: string, route: 'user' | 'service'): HttpProblem {
  const detail =
    route === 'user'
      ? 'This route serves users; a client-credentials (service) token cannot call it.'
      : 'This route serves other services calling as themselves (client credentials); a user token cannot call it.';
  return new HttpProblem(403, problemTypes.forbidden, detail, {
    headers: {
      'WWW-Authenticate': bearerChallenge(realm, {
        code: 'insufficient_scope',
        description: detail,
      }),
    },
  });
}
