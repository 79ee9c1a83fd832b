import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRepos, tempRepo } from './support/files';
import { deadPorts, doctor, localSources, nothingListens, row } from './support/setup';

describe("apps/web's proxy.ts (Next.js 16) and a middleware.ts from older guides", () => {
  afterAll(removeTempRepos);

  /** The report's routes rows for a repo holding these files under apps/web. */
  async function routes(files: string[]) {
    const repo = tempRepo(Object.fromEntries(files.map((f) => [`apps/web/${f}`, 'export {};\n'])));
    const report = await doctor(localSources(await deadPorts()), {
      fetch: nothingListens,
      files: repo,
    });
    return report.results.filter((r) => r.group === 'routes');
  }

  it('passes src/proxy.ts alone', async () => {
    expect(await routes(['src/app/page.tsx', 'src/proxy.ts'])).toEqual([
      {
        group: 'routes',
        subject: 'apps/web/src/proxy.ts',
        status: 'pass',
        detail: "Next.js 16's proxy (it mounts /auth/*); no middleware.ts",
      },
    ]);
  });

  it('fails a middleware.ts beside proxy.ts: Next.js 16 stops the build', async () => {
    expect(await routes(['src/app/page.tsx', 'src/proxy.ts', 'src/middleware.ts'])).toEqual([
      {
        group: 'routes',
        subject: 'apps/web/src/middleware.ts',
        status: 'fail',
        detail:
          'beside apps/web/src/proxy.ts: Next.js 16 stops the build ("Both middleware file … and proxy file … are detected")',
        fix: 'remove apps/web/src/middleware.ts (move anything it does into apps/web/src/proxy.ts); middleware.ts is the pre-16 name',
      },
    ]);
  });

  it('warns about a middleware.ts instead of proxy.ts, and says how to rename it', async () => {
    const [r, ...rest] = await routes(['src/app/page.tsx', 'src/middleware.ts']);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      subject: 'apps/web/src/middleware.ts',
      status: 'warn',
      detail:
        'instead of apps/web/src/proxy.ts: middleware.ts is the pre-16 name, which Next.js 16 still runs but deprecates',
    });
    expect(r?.fix).toMatch(/^rename it to apps\/web\/src\/proxy\.ts and its exported middleware/);
  });

  it('fails a missing proxy.ts, and names a middleware.ts one folder off that Next.js ignores', async () => {
    const rows = await routes(['src/app/page.tsx', 'middleware.ts']);
    expect(rows).toEqual([
      {
        group: 'routes',
        subject: 'apps/web/src/proxy.ts',
        status: 'fail',
        detail:
          'is missing: nothing hands /auth/* to nextjs-auth0 (sign-in, callback and logout answer 404)',
        fix: 'move apps/web/middleware.ts to apps/web/src/proxy.ts: Next.js reads it beside the app folder only',
      },
      {
        group: 'routes',
        subject: 'apps/web/middleware.ts',
        status: 'warn',
        detail: 'ignored: Next.js reads proxy.ts beside the app folder, in apps/web/src/',
        fix: 'move it to apps/web/src/proxy.ts',
      },
    ]);
  });

  it('warns about an ignored middleware.ts at the root beside a working src/proxy.ts', async () => {
    const rows = await routes(['src/app/page.tsx', 'src/proxy.js', 'middleware.ts']);
    expect(rows.map((r) => [r.subject, r.status, r.fix])).toEqual([
      ['apps/web/src/proxy.js', 'pass', undefined],
      [
        'apps/web/middleware.ts',
        'warn',
        'remove apps/web/middleware.ts (move anything it does into apps/web/src/proxy.js)',
      ],
    ]);
  });

  it("passes this repo's own apps/web", async () => {
    const report = await doctor(localSources(await deadPorts()), { fetch: nothingListens });
    expect(row(report, 'apps/web/src/proxy.ts').status).toBe('pass');
  });
});
