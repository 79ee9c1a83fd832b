/**
 * A user agent without a browser: follows redirects by hand, keeps cookies per host, and fills
 * in the local IdP's login form. Enough to drive a real authorization-code flow over HTTP.
 */
export class Agent {
  private readonly cookies = new Map<string, string>();
  /** Every URL requested, in order: tests assert on the path a flow took. */
  readonly visited: string[] = [];

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    this.visited.push(url);
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
    });
    this.remember(res);
    return res;
  }

  /**
   * Follows redirects from `url` until one leaves for `stopAt` (returned, not requested),
   * posting `credentials` into the login form whenever it appears.
   */
  async follow(
    url: string,
    stopAt: string,
    credentials?: { login: string; password: string },
  ): Promise<{ finalUrl: string; lastResponse: Response }> {
    let next = url;
    let init: RequestInit = {};
    for (let hop = 0; hop < 20; hop++) {
      if (next.startsWith(stopAt)) return { finalUrl: next, lastResponse: new Response(null) };
      const res = await this.request(next, init);
      init = {};
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        next = new URL(location, next).href;
        continue;
      }
      const html = await res.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
      if (res.status === 200 && action && credentials) {
        next = new URL(action.replace(/&amp;/g, '&'), next).href;
        init = {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(credentials).toString(),
        };
        credentials = undefined;
        continue;
      }
      return {
        finalUrl: next,
        lastResponse: new Response(html, { status: res.status, headers: res.headers }),
      };
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
