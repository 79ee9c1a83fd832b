import { describe, expect, it } from 'vitest';
import { ApiError, isConfigurationRefusal, parseBearerChallenge } from '@/lib/api/api-error';
import { describeApiError, needsNewLogin } from '@/lib/api/describe-error';

const error = (kind: ApiError['kind'], message = 'x') =>
  new ApiError({ api: 'orders', kind, message, requestId: 'r' });

describe('what a card says when a call fails', () => {
  it('asks to sign in again only for an ended session', () => {
    expect(describeApiError(error('session-ended'), 'load your orders', false)).toBe(
      'Your session has ended. Log in again to load your orders.',
    );
    expect(needsNewLogin(error('session-ended'))).toBe(true);
    expect(needsNewLogin(error('misconfigured'))).toBe(false);
  });

  it('calls an audience or issuer refusal a configuration error, with what the API said and the doctor outside production', () => {
    const refused = error('misconfigured', "unexpected 'aud' claim value");
    const dev = describeApiError(refused, 'load your orders', true);
    expect(dev).toContain('configuration error, not your session');
    expect(dev).toContain("unexpected 'aud' claim value");
    expect(dev).toContain('pnpm auth:doctor');
    const prod = describeApiError(refused, 'load your orders', false);
    expect(prod).not.toContain('aud');
    expect(prod).not.toContain('doctor');
    expect(prod).toMatch(/misconfigured/);
  });
});

describe('the challenge of a refused token', () => {
  it('is read from WWW-Authenticate, and an aud or iss refusal is a configuration error', () => {
    const challenge = parseBearerChallenge(
      `Bearer realm="https://api.example.com/orders", error="invalid_token", error_description="unexpected 'aud' claim value"`,
    );
    expect(challenge).toEqual({
      error: 'invalid_token',
      description: "unexpected 'aud' claim value",
    });
    expect(isConfigurationRefusal(challenge)).toBe(true);
    expect(
      isConfigurationRefusal(
        parseBearerChallenge(
          'Bearer error="invalid_token", error_description="\\"exp\\" claim timestamp check failed"',
        ),
      ),
    ).toBe(false);
    expect(parseBearerChallenge(null)).toBeUndefined();
  });
});
