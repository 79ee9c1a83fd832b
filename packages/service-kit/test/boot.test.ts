import { describe, expect, it } from 'vitest';
import { pgliteDirFor } from '../src/boot';

const noWorkspace = (): string => {
  throw new Error('No pnpm-workspace.yaml above /app');
};

describe('pgliteDirFor', () => {
  it('looks nothing up when DATABASE_URL is set (an image runs outside the workspace)', () => {
    expect(
      pgliteDirFor(
        { databaseUrl: 'postgres://u:p@db:5432/orders', serviceName: 'orders-api' },
        noWorkspace,
      ),
    ).toBeUndefined();
  });

  it('uses DATA_DIR, else the dev folder, for PGlite', () => {
    expect(pgliteDirFor({ dataDir: '/var/data', serviceName: 'orders-api' }, noWorkspace)).toBe(
      '/var/data',
    );
    expect(pgliteDirFor({ serviceName: 'orders-api' }, (name) => `/repo/.data/${name}`)).toBe(
      '/repo/.data/orders-api',
    );
  });
});
