import { webEnv } from '@/lib/web-env';
import { webLogger } from '@/lib/observability/logger';

/** Readiness: the configuration loads (the app can sign people in and call its APIs). */
export function GET(): Response {
  const headers = { 'Cache-Control': 'no-store' };
  try {
    webEnv();
    return Response.json({ status: 'ready' }, { headers });
  } catch (error) {
    // The details name env variables: they go to the server log, not to whoever asks.
    webLogger().error(`not ready: ${(error as Error).message}`);
    return Response.json(
      { status: 'not ready', detail: 'the configuration is invalid; see the server log' },
      { status: 503, headers },
    );
  }
}

export const dynamic = 'force-dynamic';
