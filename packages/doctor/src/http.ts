/** The one way checks talk HTTP: an injected fetch, always with a timeout, never throwing. */
export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpDeps {
  readonly fetch: FetchFn;
  readonly timeoutMs: number;
}

export type Fetched =
  | { readonly ok: true; readonly response: Response; readonly sentAt: number; readonly receivedAt: number }
  | { readonly ok: false; readonly error: string };

/**
 * GET with a deadline. Failures come back as a readable reason ("connection refused", "no
 * answer within 3000 ms") because the user sees it in the table; a stack trace helps nobody here.
 */
export async function get(deps: HttpDeps & { now: () => number }, url: string): Promise<Fetched> {
  const sentAt = deps.now();
  try {
    const response = await deps.fetch(url, {
      signal: AbortSignal.timeout(deps.timeoutMs),
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    return { ok: true, response, sentAt, receivedAt: deps.now() };
  } catch (error) {
    return { ok: false, error: describeFetchError(error, deps.timeoutMs) };
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused: nothing listens there';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found (DNS)';
    case 'ECONNRESET':
      return 'connection reset';
    default:
      if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
      return error instanceof Error ? error.message : String(error);
  }
}

/** A short, one-line summary of an error body: problem+json `detail`, else the start of the text. */
export async function bodySummary(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).trim();
  try {
    const json = JSON.parse(text) as { detail?: unknown; title?: unknown; error?: unknown };
    const said = json.detail ?? json.title ?? json.error;
    return typeof said === 'string' ? said : '';
  } catch {
    // Not JSON: fall through to the text itself.
  }
  const line = text.replace(/\s+/g, ' ');
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
}
