import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The proxy as `next start` runs it, with the web env a deployment would give it. */
async function proxyWith(appBaseUrl: string) {
  vi.resetModules();
  vi.stubEnv('APP_BASE_URL', appBaseUrl);
  return import('@/proxy');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('proxy.ts', () => {
  it('sends Strict-Transport-Security when the app is served over https', async () => {
    const { proxy } = await proxyWith('https://app.example.com');
    const res = await proxy(new NextRequest('https://app.example.com/'));
    expect(res.headers.get('strict-transport-security')).toBe(
      'max-age=63072000; includeSubDomains',
    );
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('sends none over plain http (local development)', async () => {
    const { proxy } = await proxyWith('http://localhost:3000');
    const res = await proxy(new NextRequest('http://localhost:3000/'));
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('skips exactly the health checks and static files, not every path that starts like them', async () => {
    const { config } = await proxyWith('http://localhost:3000');
    // Next compiles a matcher's (…) group as a regular expression anchored at both ends.
    const runs = (path: string) =>
      config.matcher.some((source) => new RegExp(`^${source}$`).test(path));
    for (const skipped of ['/healthz', '/readyz', '/_next/static/chunks/a.js', '/favicon.ico'])
      expect(runs(skipped), skipped).toBe(false);
    for (const guarded of [
      '/',
      '/dashboard',
      '/healthz-admin',
      '/readyz/x',
      '/healthzz',
      '/favicon.ico.html',
    ]) {
      expect(runs(guarded), guarded).toBe(true);
    }
  });
});
