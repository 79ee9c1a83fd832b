import { describe, expect, it } from 'vitest';
import { redactDatabaseUrl } from '../../src/db';

describe('redactDatabaseUrl (what the logs show of DATABASE_URL)', () => {
  it.each([
    'postgres://app:hunter2@db.example.com:5432/orders',
    'postgres://app@db.example.com:5432/orders?password=hunter2',
    'postgresql://db.example.com/orders?user=app&PASSWORD=hunter2&sslmode=require',
    'postgres://app@db/orders?sslpassword=hunter2&sslkey=/run/keys/hunter2.key',
  ])('masks every form of the password: %s', (url) => {
    const shown = redactDatabaseUrl(url);
    expect(shown).not.toContain('hunter2');
    expect(shown).toContain('***');
  });

  it('keeps what helps: host, database, sslmode', () => {
    expect(
      redactDatabaseUrl('postgres://app:hunter2@db.example.com:5432/orders?sslmode=require'),
    ).toBe('postgres://app:***@db.example.com:5432/orders?sslmode=require');
  });
});
