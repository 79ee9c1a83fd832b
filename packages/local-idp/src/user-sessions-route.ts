import type { IncomingMessage, ServerResponse } from 'node:http';
import { userBySub } from './accounts';
import type { EndUserSessionsResult } from './end-sessions';

/** Auth0's Management API path for a user's sessions; the id is URL-encoded (`auth0%7Calice`). */
const userSessionsPath = /^\/api\/v2\/users\/([^/]+)\/sessions$/;

export function isUserSessionsPath(pathname: string): boolean {
  return userSessionsPath.test(pathname);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      ...headers,
    })
    .end(JSON.stringify(body));
}

/**
 * Dev-only `DELETE /api/v2/users/{id}/sessions`: Auth0's path, without its management token (the
 * IdP listens on loopback only), answering what it did instead of Auth0's bare "accepted". DELETE
 * and nothing else: a web page cannot send one to another origin without a CORS preflight, which
 * this route never answers, so visiting a page cannot log anyone out. Errors have the Management
 * API's shape (statusCode, error, message).
 */
export async function handleUserSessions(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  endUserSessions: (sub: string) => Promise<EndUserSessionsResult>,
): Promise<void> {
  if (req.method !== 'DELETE') {
    sendJson(
      res,
      405,
      { statusCode: 405, error: 'Method Not Allowed', message: 'Only DELETE is supported.' },
      { allow: 'DELETE' },
    );
    return;
  }
  let sub: string;
  try {
    sub = decodeURIComponent(userSessionsPath.exec(pathname)?.[1] ?? '');
  } catch {
    sendJson(res, 400, { statusCode: 400, error: 'Bad Request', message: 'Malformed user id.' });
    return;
  }
  if (!userBySub(sub)) {
    sendJson(res, 404, {
      statusCode: 404,
      error: 'Not Found',
      message: 'The user does not exist.',
    });
    return;
  }
  sendJson(res, 200, await endUserSessions(sub));
}
