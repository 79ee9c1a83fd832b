import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const requestIdHeader = 'x-request-id';

// A caller's id is echoed into logs and headers, so only a short, plain token is trusted.
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is sane, else a new UUID; set on the response too. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[requestIdHeader];
  const id = typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}
