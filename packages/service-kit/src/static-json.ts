import type { Response } from 'express';

/** Sends one fixed JSON answer (status 200 unless set before). */
export type StaticJsonSender = (res: Response) => void;

/**
 * A JSON answer that never changes (a catalog, a health status), serialised once. It sends the
 * headers and body Express's `res.json` sends (`application/json; charset=utf-8`, the length; no
 * ETag: createService turns them off), without `res.json`'s per-request work: serialising, the
 * type lookup, parsing the Content-Type back to add the charset, measuring the body. That work
 * was a visible share of GET /catalog in the profile (tests/bench/README.md).
 */
export function staticJson(value: unknown): StaticJsonSender {
  const body = JSON.stringify(value);
  const length = String(Buffer.byteLength(body));
  return (res) => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', length);
    // A HEAD request gets the headers only: Node drops a body on responses that must not have one.
    res.end(body);
  };
}
