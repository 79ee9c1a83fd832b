import { afterEach, describe, expect, it } from 'vitest';
import {
  deadPort,
  serviceStub,
  startIssuerStub,
  startServer,
  type IssuerStubOptions,
  type TinyServer,
} from './support/servers';
import { doctor, localSources, row } from './support/setup';

const running: TinyServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** A local setup whose IdP is a stub on a free port; web and the APIs are down (not under test). */
async function withIssuer(options: IssuerStubOptions) {
  const stub = await startIssuerStub(options);
  running.push(stub);
  const [web, orders, profile] = await Promise.all([deadPort(), deadPort(), deadPort()]);
  const report = await doctor(localSources({ idp: stub.port, web, orders, profile }));
  return { report, issuer: `http://localhost:${stub.port}/` };
}

describe('issuer', () => {
  it('passes discovery, JWKS and the clock against a correct provider', async () => {
    const { report, issuer } = await withIssuer({});
    expect(row(report, `discovery ${issuer}`).status).toBe('pass');
    expect(row(report, `JWKS ${issuer}.well-known/jwks.json`)).toMatchObject({
      status: 'pass',
      detail: '1 RS256 signing key',
    });
    expect(row(report, `clock vs ${issuer}`).status).toBe('pass');
  });

  it('reports an unreachable issuer and how to start the local one', async () => {
    const port = await deadPort();
    const report = await doctor(
      localSources({ idp: port, web: port, orders: port, profile: port }),
    );
    const r = row(report, `discovery http://localhost:${port}/`);
    expect(r.status).toBe('fail');
    expect(r.detail).toBe(
      `http://localhost:${port}/.well-known/openid-configuration: connection refused: nothing listens there`,
    );
    expect(r.fix).toBe(
      'start the local IdP: `pnpm dev` (or `pnpm --filter @repo/local-idp dev` alone)',
    );
    // Without an answer there is no Date header to compare: skipped, not passed.
    expect(row(report, `clock vs http://localhost:${port}/`).status).toBe('skip');
  });

  it('gives up on an issuer that accepts the connection but never answers', async () => {
    const silent = await startServer(() => {
      // Never answers: the doctor's own deadline must end the request.
    });
    running.push(silent);
    const down = await deadPort();
    const report = await doctor(
      localSources({ idp: silent.port, web: down, orders: down, profile: down }),
      { timeoutMs: 300 },
    );
    const r = row(report, `discovery http://localhost:${silent.port}/`);
    expect(r.status).toBe('fail');
    expect(r.detail).toBe(
      `http://localhost:${silent.port}/.well-known/openid-configuration: no answer within 300 ms`,
    );
    expect(r.fix).toBe(
      'start the local IdP: `pnpm dev` (or `pnpm --filter @repo/local-idp dev` alone)',
    );
  });

  it('reports an AUTH0_DOMAIN that points at something other than an OpenID provider', async () => {
    // One of our services where the IdP should be: it answers, but 404 on discovery.
    const api = await serviceStub();
    running.push(api);
    const down = await deadPort();
    const report = await doctor(
      localSources({ idp: api.port, web: down, orders: down, profile: down }),
    );
    const r = row(report, `discovery http://localhost:${api.port}/`);
    expect(r.status).toBe('fail');
    expect(r.detail).toBe(
      `http://localhost:${api.port}/.well-known/openid-configuration answered 404`,
    );
    expect(r.fix).toBe(
      'AUTH0_DOMAIN does not point at an OpenID provider: use the Domain shown in your Auth0 application settings',
    );
  });

  it('reports an issuer that differs by the trailing slash', async () => {
    const { report, issuer } = await withIssuer({ issuer: (port) => `http://localhost:${port}` });
    const r = row(report, `discovery ${issuer}`);
    expect(r.status).toBe('fail');
    expect(r.detail).toContain(
      `discovery says issuer "${issuer.slice(0, -1)}", the apps expect "${issuer}" (trailing slash)`,
    );
    expect(r.fix).toBe(
      `make the IdP's issuer end with "/" as Auth0's does ("${issuer}"); AUTH0_DOMAIN itself takes no slash`,
    );
  });

  it('reports an issuer on another host, with the AUTH0_DOMAIN that matches it', async () => {
    const { report, issuer } = await withIssuer({ issuer: (port) => `http://127.0.0.1:${port}/` });
    const r = row(report, `discovery ${issuer}`);
    expect(r.status).toBe('fail');
    expect(r.fix).toContain(
      `set AUTH0_DOMAIN=http://127.0.0.1:${new URL(issuer).port} in every app`,
    );
  });

  it('reports a JWKS without an RS256 key', async () => {
    const { report, issuer } = await withIssuer({
      keys: [
        { kty: 'EC', alg: 'ES256', crv: 'P-256', x: 'x', y: 'y', kid: 'ec' },
        { kty: 'RSA', alg: 'RSA-OAEP', use: 'enc', kid: 'enc' },
      ],
    });
    const r = row(report, `JWKS ${issuer}.well-known/jwks.json`);
    expect(r.status).toBe('fail');
    expect(r.detail).toBe(
      'no RS256 signing key (found: EC/ES256, RSA/RSA-OAEP); the APIs accept RS256 tokens only',
    );
    expect(r.fix).toContain("set the API's Signing Algorithm to RS256");
  });
});

describe('clock skew', () => {
  it('fails when the issuer is minutes ahead', async () => {
    const { report, issuer } = await withIssuer({ date: () => new Date(Date.now() + 5 * 60_000) });
    const r = row(report, `clock vs ${issuer}`);
    expect(r.status).toBe('fail');
    expect(r.detail).toMatch(/^this machine's clock is (299|300|301) s behind the issuer$/);
    expect(r.fix).toContain('sudo timedatectl set-ntp true');
    expect(report.ok).toBe(false);
  });

  it('fails when this machine is ahead', async () => {
    const { report, issuer } = await withIssuer({ date: () => new Date(Date.now() - 10 * 60_000) });
    expect(row(report, `clock vs ${issuer}`).detail).toMatch(/ahead of the issuer$/);
  });

  it('only warns between 30 and 60 s, which the SDKs still tolerate', async () => {
    const { report, issuer } = await withIssuer({ date: () => new Date(Date.now() + 45_000) });
    const r = row(report, `clock vs ${issuer}`);
    expect(r.status).toBe('warn');
    expect(r.fix).toContain('sync this machine');
  });
});
