import { describe, expect, it } from 'vitest';
import { cursorParam } from '../src/lib/paging';

describe('cursorParam', () => {
  it('takes the first cursor of the URL, none when empty', () => {
    expect(cursorParam('abc')).toBe('abc');
    expect(cursorParam(['abc', 'def'])).toBe('abc');
    expect(cursorParam('')).toBeUndefined();
    expect(cursorParam(undefined)).toBeUndefined();
  });
});
