import { NextResponse, type NextRequest } from 'next/server';
import { auth0 } from '@/lib/auth0';
import { browserTokenScope } from '@/lib/tokens/browser-token';
import { SessionGoneError } from '@/lib/tokens/broker';
import { currentSessionId, tokenBroker } from '@/lib/tokens/web-broker';
import { webEnv } from '@/lib/web-env';

const noStore = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

function refuse(status: number, detail: string): NextResponse {
  return NextResponse.json(
    { status, title: 'Refused', detail },
    { status, headers: { ...noStore, 'Content-Type': 'application/problem+json' } },
  );
}

/**
 * The browser-side call's token: for an API the browser calls directly, a token with that API's
 * read scope only, never the session's broader one. Same-origin only: no CORS headers are sent,
 * and a request a browser marks as coming from another site is refused. Kept by the token
 * broker beside the session's other tokens.
 */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ api: string }> },
): Promise<NextResponse> {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site')
    return refuse(403, 'Only this site may ask for a browser token.');
  const env = webEnv();
  const { api } = await params;
  const scope = browserTokenScope(env, api);
  if (!scope) return refuse(404, 'No browser token for that API.');
  const broker = tokenBroker();
  if (!broker)
    return refuse(
      501,
      'Browser tokens need a server-side session store (SESSION_STORE_URL unset or redis://…, not cookie).',
    );
  const [session, id] = await Promise.all([auth0().getSession(), currentSessionId()]);
  if (!session || !id) return refuse(401, 'Sign in first.');
  try {
    const accessToken = await broker.accessToken(id, scope);
    return NextResponse.json({ accessToken }, { headers: noStore });
  } catch (error) {
    if (error instanceof SessionGoneError) return refuse(401, 'Sign in again.');
    throw error;
  }
}
