import { describe, expect, it } from 'vitest';
import { describeBrowserCallFailure } from '../src/lib/api/browser-call-failure';

const context = {
  serviceName: 'orders-api',
  apiOrigin: 'http://localhost:4001',
  pageOrigin: 'http://localhost:3000',
};

describe('describeBrowserCallFailure', () => {
  it('reads a failed fetch as CORS or unreachable, naming both origins, the variable and the doctor', () => {
    const text = describeBrowserCallFailure({ kind: 'network' }, { ...context, hints: true });
    expect(text).toContain('orders-api (http://localhost:4001) refused this site’s origin');
    expect(text).toContain('(http://localhost:3000) or could not be reached');
    expect(text).toContain('add http://localhost:3000 to CORS_ALLOWED_ORIGINS on orders-api');
    expect(text).toContain('pnpm auth:doctor');
    expect(text).not.toMatch(/failed to fetch/i);
  });

  it('keeps configuration advice out of production pages', () => {
    const text = describeBrowserCallFailure({ kind: 'network' }, { ...context, hints: false });
    expect(text).toContain('refused this site’s origin');
    expect(text).not.toContain('CORS_ALLOWED_ORIGINS');
    expect(text).not.toContain('pnpm auth:doctor');
  });

  it('asks to log in again only when the session ended', () => {
    const ended = describeBrowserCallFailure(
      { kind: 'token', status: 401 },
      { ...context, hints: true },
    );
    expect(ended).toMatch(/session has ended/);
    const other = describeBrowserCallFailure(
      { kind: 'status', status: 403 },
      { ...context, hints: true },
    );
    expect(other).toBe('Could not refresh the status: orders-api answered 403.');
  });
});
