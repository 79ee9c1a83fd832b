import { describe, expect, it } from 'vitest';
import { apiReadyFrom, nextReadyFrom } from '../src/prune-build/start';

describe('readiness lines', () => {
  it("reads the API's URL from service-kit's pino 'listening' line, as a connectable address", () => {
    const line = JSON.stringify({
      level: 30,
      service: 'profile-api',
      url: 'http://0.0.0.0:41234',
      msg: 'listening',
    });
    expect(apiReadyFrom(line)).toBe('http://127.0.0.1:41234');
    expect(apiReadyFrom(JSON.stringify({ url: 'http://127.0.0.1:5000', msg: 'listening' }))).toBe(
      'http://127.0.0.1:5000',
    );
  });

  it('ignores every other line', () => {
    expect(
      apiReadyFrom(JSON.stringify({ msg: 'starting', url: 'http://0.0.0.0:1' })),
    ).toBeUndefined();
    expect(
      apiReadyFrom('!!! WARNING (profile-api): USE_LOCAL_IDP=true with NODE_ENV=production'),
    ).toBeUndefined();
    expect(apiReadyFrom('{not json')).toBeUndefined();
  });

  it("takes Next's Ready line as the standalone server's start", () => {
    const ready = nextReadyFrom('http://127.0.0.1:3999');
    expect(ready(' ✓ Ready in 312ms')).toBe('http://127.0.0.1:3999');
    expect(ready('   ▲ Next.js 16.4.6')).toBeUndefined();
  });
});
