/** The one way checks talk HTTP: an injected fetch, always with a timeout, never throwing. */
export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpDeps {
  readonly fetch: FetchFn;
  readonly timeoutMs: number;
}

export type Fetched =
  | {
      readonly ok: true;
      readonly response: Response;
      readonly sentAt: number;
      readonly receivedAt: number;
    }
  | { readonly ok: false; readonly error: string };

/**
 * GET with a deadline. Failures come back as a readable reason ("connection refused", "no
 * answer within 3000 ms") because the user sees it in the table; a stack trace helps nobody here.
 * Redirects are not followed, except, with `followWithin`, those that stay on that origin (the
 * local IdP's /v2/logout hands over to its own end-session endpoint, which does the refusing).
 */
export async function get(
  deps: HttpDeps & { now: () => number },
  url: string,
  options: { followWithin?: string } = {},
): Promise<Fetched> {
  const sentAt = deps.now();
  const signal = AbortSignal.timeout(deps.timeoutMs);
  try {
    let next = url;
    for (let hop = 0; ; hop += 1) {
      const response = await deps.fetch(next, {
        signal,
        redirect: 'manual',
        headers: { accept: 'application/json' },
      });
      const location = response.headers.get('location');
      const target =
        location === null || options.followWithin === undefined
          ? undefined
          : new URL(location, next);
      if (
        target !== undefined &&
        target.origin === options.followWithin &&
        hop < maxHops &&
        response.status >= 300 &&
        response.status < 400
      ) {
        await response.body?.cancel();
        next = target.href;
        continue;
      }
      return { ok: true, response, sentAt, receivedAt: deps.now() };
    }
  } catch (error) {
    return { ok: false, error: describeFetchError(error, deps.timeoutMs) };
  }
}

const maxHops = 3;

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

/**
 * A short, one-line summary of an error body: problem+json `detail`, an OAuth `error` and its
 * description, or the visible text of an HTML page (an IdP's error page, a framework's 404).
 */
export async function bodySummary(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).trim();
  let said = text;
  try {
    const json = JSON.parse(text) as {
      detail?: unknown;
      title?: unknown;
      error?: unknown;
      error_description?: unknown;
    };
    const message = json.detail ?? json.title ?? json.error;
    said =
      typeof message !== 'string'
        ? ''
        : typeof json.error_description === 'string'
          ? `${message}: ${json.error_description}`
          : message;
  } catch {
    if (/^<(!doctype|html)/i.test(text)) said = visibleText(text);
  }
  const line = said.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

/** The page's body text, without markup, styles or scripts; a heading ends with a colon. */
function visibleText(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return body
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/h[1-6]>/gi, ': ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}
