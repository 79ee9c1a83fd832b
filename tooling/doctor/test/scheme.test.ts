import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchFn } from '../src/http';
import { deadPort, webStub, type TinyServer, type WebStubOptions } from './support/servers';
import { deadPorts, doctor, localSources, nothingListens, row } from './support/setup';

describe("APP_BASE_URL's scheme and the session cookie", () => {
  async function withBase(appBaseUrl: string) {
    return doctor(localSources(await deadPorts(), { web: { APP_BASE_URL: appBaseUrl } }), {
      fetch: nothingListens,
    });
  }

  it('warns about http on a host that is not this machine: the cookie cannot be Secure', async () => {
    const report = await withBase('http://dev.example.test:3000');
    expect(row(report, 'web session cookie')).toEqual({
      group: 'sessions',
      subject: 'web session cookie',
      status: 'warn',
      detail:
        'cannot be Secure: APP_BASE_URL http://dev.example.test:3000 is http on dev.example.test, not this machine, so the cookie travels in clear text and browsers may drop it',
      fix: 'serve web over https and set APP_BASE_URL to that URL (e.g. https://dev.example.test) in apps/web/.env.local',
    });
  });

  it('passes https anywhere, and http on localhost, 127.0.0.1 or [::1]', async () => {
    expect(row(await withBase('https://app.example.com'), 'web session cookie')).toMatchObject({
      status: 'pass',
      detail: 'Secure, as APP_BASE_URL https://app.example.com is https',
    });
    for (const host of ['localhost', '127.0.0.1', '[::1]']) {
      const r = row(await withBase(`http://${host}:3000`), 'web session cookie');
      expect(r.status).toBe('pass');
    }
  });
});

describe('the transaction cookie: the session did not stick', () => {
  const running: TinyServer[] = [];
  let idp: string;
  beforeAll(async () => {
    idp = `http://localhost:${await deadPort()}/`;
  });
  afterAll(() => Promise.all(running.map((s) => s.stop())));
  const start = async (options: Omit<WebStubOptions, 'issuer'> = {}) => {
    const web = await webStub({ issuer: idp, ...options });
    running.push(web);
    return web;
  };

  it('fails when web sets it Secure while APP_BASE_URL here is http', async () => {
    // web was started with an https APP_BASE_URL; users open http://localhost:<port>.
    const web = await start({ appBaseUrl: (port) => `https://localhost:${port}` });
    const ports = { ...(await deadPorts()), idp: Number(new URL(idp).port), web: web.port };
    const report = await doctor(localSources(ports));
    expect(row(report, 'web transaction cookie')).toMatchObject({
      group: 'sessions',
      status: 'fail',
      detail: `web set __txn_… Secure, so it runs with an https APP_BASE_URL, but here APP_BASE_URL is ${web.url}: a browser on plain http may refuse it, and then the callback never sees it: the sign-in ends with "the session did not stick"`,
      fix: 'run web with the APP_BASE_URL users open (restart it after changing apps/web/.env.local), or open web at its https address',
    });
  });

  it('fails when web sets it without Secure while users open an https address', async () => {
    // A TLS proxy in front: the doctor asks https://localhost:<port>, the proxy passes it on.
    const web = await start();
    const viaTlsProxy: FetchFn = (url, init) =>
      fetch(url.replace(`https://localhost:${web.port}`, web.url), init);
    const https = `https://localhost:${web.port}`;
    const report = await doctor(
      localSources(
        { ...(await deadPorts()), idp: Number(new URL(idp).port), web: web.port },
        { web: { APP_BASE_URL: https } },
      ),
      { fetch: viaTlsProxy },
    );
    expect(row(report, 'web transaction cookie')).toMatchObject({
      status: 'fail',
      fix: `restart web with APP_BASE_URL=${https} (the address users open) in apps/web/.env.local`,
    });
    expect(row(report, 'web transaction cookie').detail).toMatch(
      /^web set __txn_… without Secure, so it runs with an http APP_BASE_URL, but here APP_BASE_URL is https:/,
    );
  });

  it('passes when the flag matches APP_BASE_URL', async () => {
    const web = await start();
    const ports = { ...(await deadPorts()), idp: Number(new URL(idp).port), web: web.port };
    const report = await doctor(localSources(ports));
    expect(row(report, 'web transaction cookie')).toMatchObject({
      status: 'pass',
      detail: '__txn_… is not Secure, as an http APP_BASE_URL wants',
    });
  });
});
