import type { Agent } from './browserless';

/**
 * RP-initiated logout as a browser does it: follow `url` (the end-session endpoint or Auth0's
 * /v2/logout) to the IdP's self-submitting logout form, submit it, and follow the redirect back
 * to `returnTo`. Returns the URL the browser ends on.
 */
export async function logoutThroughBrowser(
  agent: Agent,
  url: string,
  returnTo: string,
): Promise<string> {
  const { finalUrl, lastResponse } = await agent.follow(url, returnTo);
  if (lastResponse.status !== 200) throw new Error(`logout page answered ${lastResponse.status}`);
  const html = await lastResponse.text();
  const action = /action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no logout form at ${finalUrl}`);
  const form = new URLSearchParams(
    [...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m): [string, string] => [
      m[1]!,
      m[2]!,
    ]),
  );
  const submitted = await agent.request(new URL(action, finalUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const location = submitted.headers.get('location');
  if (!location) throw new Error(`logout confirmation answered ${submitted.status}, no redirect`);
  const back = await agent.follow(new URL(location, finalUrl).href, returnTo);
  return back.finalUrl;
}
