import request from 'supertest';
import { expect, it } from 'vitest';
import type { TestApp } from './auth-matrix';

export interface CorsCheckOptions {
  readonly app: () => TestApp;
  readonly path: string;
  /** The method the browser would send after the preflight. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** One of the app's configured CORS_ALLOWED_ORIGINS. */
  readonly allowedOrigin: string;
}

/** Origins that must never be allowed: other hosts, `null`, and look-alikes of the allowed one. */
export function hostileOrigins(allowed: string): string[] {
  const url = new URL(allowed);
  const otherScheme = url.protocol === 'https:' ? 'http:' : 'https:';
  return [
    'https://evil.example',
    'null',
    `${allowed}.evil.example`,
    `${url.protocol}//evil${url.host}`,
    `${otherScheme}//${url.host}`,
    `${url.protocol}//${url.hostname}:${Number(url.port || (url.protocol === 'https:' ? 443 : 80)) + 1}`,
    `${allowed}/`,
  ];
}

function preflight(options: CorsCheckOptions, origin: string) {
  return request(options.app())
    .options(options.path)
    .set('Origin', origin)
    .set('Access-Control-Request-Method', options.method)
    .set('Access-Control-Request-Headers', 'authorization,content-type');
}

/** The route's own method, without a token: what a browser sends after the preflight. */
function send(options: CorsCheckOptions) {
  const agent = request(options.app());
  return agent[options.method.toLowerCase() as 'get'](options.path);
}

/** Registers the CORS tests (call inside a `describe`). */
export function runCorsChecks(options: CorsCheckOptions): void {
  it(`CORS: a preflight from ${options.allowedOrigin} with Authorization is allowed`, async () => {
    const res = await preflight(options, options.allowedOrigin);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(options.allowedOrigin);
    expect(res.headers['access-control-allow-methods']).toContain(options.method);
    expect(res.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
    expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0);
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('CORS: a refused request from an allowed origin exposes WWW-Authenticate', async () => {
    const res = await send(options).set('Origin', options.allowedOrigin);
    expect(res.status).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe(options.allowedOrigin);
    expect(res.headers['access-control-expose-headers']?.toLowerCase()).toContain(
      'www-authenticate',
    );
    expect(res.headers['access-control-allow-origin']).not.toBe('*');
  });

  for (const origin of hostileOrigins(options.allowedOrigin)) {
    it(`CORS: origin ${origin} gets no Access-Control-Allow-Origin, and its preflight a 403 that says CORS`, async () => {
      const pre = await preflight(options, origin);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      // Never 401: a refused preflight must not read like a token problem.
      expect(pre.status).toBe(403);
      expect(pre.headers['content-type']).toContain('application/problem+json');
      expect(pre.body.detail).toMatch(/CORS/);
      expect(pre.headers['www-authenticate']).toBeUndefined();
      const res = await send(options).set('Origin', origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  }
}
