import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '@/lib/return-to';

const app = 'http://localhost:3000';

describe('safeReturnTo: where a finished sign-in may go', () => {
  it.each([
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/.//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    'http://localhost:3000//evil.example',
    'https:evil.example',
    'https://evil.example/dashboard',
    'http://localhost:3001/dashboard',
    'javascript:alert(1)',
    '/\t/evil.example',
    '/\n/evil.example',
    '\t//evil.example',
    '/dash\\..\\..\\/evil.example',
  ])('refuses %j and goes to /dashboard', (returnTo) => {
    expect(safeReturnTo(returnTo, app)).toBe('/dashboard');
  });

  it.each([
    ['/orders', '/orders'],
    ['/orders?cursor=abc#top', '/orders?cursor=abc#top'],
    ['http://localhost:3000/profile', '/profile'],
    ['%2f%2fevil.example', '/%2f%2fevil.example'],
    ['profile', '/profile'],
  ])('keeps %j on the app as %j', (returnTo, path) => {
    expect(safeReturnTo(returnTo, app)).toBe(path);
  });

  it('goes to /dashboard when nothing is asked for', () => {
    expect(safeReturnTo(undefined, app)).toBe('/dashboard');
    expect(safeReturnTo('', app)).toBe('/dashboard');
  });
});
