import { startLocalIdp, type LocalIdp } from '@repo/local-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJson, renderTable } from '../src';
import { removeTempRepos, tempRepo } from './support/files';
import { deadPort, startServer, webStub, type TinyServer } from './support/servers';
import { deadPorts, doctor, localSources, nothingListens, row } from './support/setup';

const subject = 'web /auth/login';
const proxyFix = "apps/web/src/proxy.ts (Next.js 16's proxy; middleware.ts is the pre-16 name)";

describe('web mounts the auth routes: GET /auth/login', () => {
  let idp: LocalIdp;
  const running: TinyServer[] = [];
  beforeAll(async () => {
    idp = await startLocalIdp({ port: 0 });
  });
  afterAll(async () => {
    await Promise.all([idp?.stop(), ...running.map((s) => s.stop())]);
  });

  const issuer = () => `http://localhost:${idp.port}/`;
  async function withWeb(web: TinyServer, edits = {}) {
    running.push(web);
    const ports = { ...(await deadPorts()), idp: idp.port, web: web.port };
    return doctor(localSources(ports, edits));
  }

  it("passes when it redirects to the authorize endpoint the IdP's discovery names", async () => {
    const report = await withWeb(await webStub({ issuer: issuer() }));
    expect(row(report, subject)).toMatchObject({
      group: 'routes',
      status: 'pass',
      detail: `redirects (307) to the IdP's authorize endpoint http://localhost:${idp.port}/authorize`,
    });
    const json = JSON.parse(renderJson(report)) as { checks: { subject: string }[] };
    expect(json.checks.filter((c) => c.subject === subject)).toHaveLength(1);
  });

  it('fails on a 404 (no proxy mounts /auth/*), naming apps/web/src/proxy.ts', async () => {
    const web = await webStub({ issuer: issuer(), authRoutes: false });
    const report = await withWeb(web);
    expect(row(report, subject)).toMatchObject({
      status: 'fail',
      detail: `${web.url}/auth/login answered 404: web does not mount the auth routes`,
      fix: `nextjs-auth0 v4 mounts /auth/* from ${proxyFix}: it must exist, call auth0.middleware(request), and its matcher must let /auth/ through`,
    });
    expect(renderTable(report)).toMatch(
      /✗\s+routes\s+web \/auth\/login\s+.*answered 404.*\n\s+fix: nextjs-auth0 v4 mounts/,
    );
  });

  it('fails on any other answer, naming the proxy too', async () => {
    const web = await startServer((req, res) => {
      if (req.url === '/auth/login') res.writeHead(500).end('Internal Server Error');
      else res.writeHead(200).end('{}');
    });
    const report = await withWeb(web);
    expect(row(report, subject)).toMatchObject({
      status: 'fail',
      detail: `${web.url}/auth/login answered 500 (Internal Server Error): not a redirect to the IdP's http://localhost:${idp.port}/authorize`,
      fix: `see web's log for the 500: /auth/login is answered by auth0.middleware() in ${proxyFix}`,
    });
  });

  it('fails on a redirect to another IdP than AUTH0_DOMAIN says', async () => {
    const other = `http://localhost:${await deadPort()}/`;
    const report = await withWeb(await webStub({ issuer: other }));
    expect(row(report, subject)).toMatchObject({
      status: 'fail',
      detail: `redirects to ${other}authorize, not to the IdP's authorize endpoint http://localhost:${idp.port}/authorize`,
      fix: `the running web trusts another IdP than AUTH0_DOMAIN here says: restart it after changing apps/web/.env.local (the sign-in starts in ${proxyFix})`,
    });
  });

  it("fails on a redirect to web's own error page, and says where to read why", async () => {
    const web = await startServer((req, res) => {
      if (req.url === '/auth/login')
        res.writeHead(307, { location: '/auth-error?code=login-start-failed' }).end();
      else res.writeHead(200).end('{}');
    });
    const report = await withWeb(web);
    const r = row(report, subject);
    expect(r.status).toBe('fail');
    expect(r.detail).toBe(
      `redirects to ${web.url}/auth-error, not to the IdP's authorize endpoint http://localhost:${idp.port}/authorize`,
    );
    expect(r.fix).toContain(`open ${web.url}/auth-error?code=login-start-failed for web's reason`);
    expect(r.fix).toContain(proxyFix);
  });

  it('fails when web sends another redirect_uri than APP_BASE_URL here makes', async () => {
    const web = await webStub({
      issuer: issuer(),
      appBaseUrl: (port) => `http://127.0.0.1:${port}`,
    });
    const report = await withWeb(web);
    expect(row(report, subject)).toMatchObject({
      status: 'fail',
      detail: `redirects to the IdP with redirect_uri http://127.0.0.1:${web.port}/auth/callback, but APP_BASE_URL here makes it ${web.url}/auth/callback: the running web was started with another APP_BASE_URL`,
    });
  });

  it('skips, saying a first `next dev` compile may be slow, when web does not answer in time', async () => {
    const web = await startServer((req, res) => {
      if (req.url !== '/auth/login') res.writeHead(200).end('{}');
      // /auth/login never answers: the doctor's deadline ends the request.
    });
    running.push(web);
    const ports = { ...(await deadPorts()), idp: idp.port, web: web.port };
    const report = await doctor(localSources(ports), { timeoutMs: 300 });
    expect(row(report, subject)).toMatchObject({
      status: 'skip',
      detail: `web did not answer ${web.url}/auth/login in time (no answer within 300 ms): \`next dev\` compiles a route on its first request; rerun, or raise --timeout`,
    });
  });

  it('skips, with the reason, when web is not running', async () => {
    const ports = { ...(await deadPorts()), idp: idp.port };
    const report = await doctor(localSources(ports));
    expect(row(report, subject)).toMatchObject({
      status: 'skip',
      detail: `web is not running at http://localhost:${ports.web} (connection refused: nothing listens there); start it to check that it mounts /auth/*`,
    });
  });
});

describe("apps/web's proxy.ts (Next.js 16) and a middleware.ts from older guides", () => {
  afterAll(removeTempRepos);

  /** The report's routes rows for a repo holding these files under apps/web. */
  async function routes(files: string[]) {
    const repo = tempRepo(Object.fromEntries(files.map((f) => [`apps/web/${f}`, 'export {};\n'])));
    const report = await doctor(localSources(await deadPorts()), {
      fetch: nothingListens,
      files: repo,
    });
    return report.results.filter((r) => r.group === 'routes' && r.subject !== subject);
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
