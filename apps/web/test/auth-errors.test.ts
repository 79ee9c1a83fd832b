import { describe, expect, it } from 'vitest';
import { authErrorQuery, explainAuthError, loginStartFailed } from '../src/lib/auth-errors';

describe('explainAuthError', () => {
  it('names a denied consent', () => {
    expect(explainAuthError('authorization_error', 'access_denied').title).toMatch(/cancelled/i);
  });

  it('names an unreachable issuer and points at pnpm auth:doctor', () => {
    const e = explainAuthError(loginStartFailed, undefined);
    expect(e.likelyCause).toMatch(/AUTH0_DOMAIN/);
    expect(e.fix).toMatch(/pnpm auth:doctor/);
  });

  it('names callback state problems and the callback URL for IdP refusals', () => {
    expect(explainAuthError('invalid_state', undefined).likelyCause).toMatch(/APP_BASE_URL/);
    expect(explainAuthError('authorization_error', 'invalid_request').fix).toMatch(
      /\/auth\/callback/,
    );
  });

  it('reads the IdP’s cause: invalid_target names the audience the app asked for and its variable', () => {
    const e = explainAuthError('authorization_error', 'invalid_target', {
      audience: 'https://orders.api.exmaple',
      audienceVariable: 'ORDERS_API_AUDIENCE',
      appBaseUrl: 'https://app.example.com',
    });
    expect(e.title).toMatch(/does not know the API/);
    expect(e.likelyCause).toContain('https://orders.api.exmaple');
    expect(e.likelyCause).toContain('ORDERS_API_AUDIENCE');
    expect(e.fix).not.toMatch(/callback/);
  });

  it('a callback whose transaction cookie did not come back names http vs https and the address to use', () => {
    const e = explainAuthError('invalid_state', undefined, {
      audience: 'https://orders',
      audienceVariable: 'ORDERS_API_AUDIENCE',
      appBaseUrl: 'https://app.example.com',
    });
    expect(e.likelyCause).toMatch(/over http while APP_BASE_URL is https/);
    expect(e.fix).toContain('Open the app at exactly https://app.example.com');
  });

  it('never echoes an unknown code', () => {
    const e = explainAuthError('<script>alert(1)</script>', 'x');
    expect(JSON.stringify(e)).not.toContain('<script>');
    expect(e.fix).toMatch(/pnpm auth:doctor/);
  });

  it('builds the error page query', () => {
    expect(authErrorQuery({ code: 'authorization_error', cause: 'access_denied' })).toBe(
      'code=authorization_error&cause=access_denied',
    );
  });
});
