import { apiEnvPrefix, apiNames, apis, type ApiName } from '@repo/auth-config';
import { apiApp, localIdpApp, webApp } from '../apps';
import type { LoadedEnvs } from './env';
import { fail, pass, type CheckResult } from '../result';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The port a URL points at, when it is on this machine (only then can it be compared to PORT). */
function localPort(url: string): number | undefined {
  const u = new URL(url);
  if (!loopback.has(u.hostname)) return undefined;
  return Number(u.port || (u.protocol === 'https:' ? 443 : 80));
}

/**
 * Values that are each valid alone but do not agree across apps: the web app and an API trusting
 * different issuers, or the web app calling an API on a port it does not listen on. Each loader
 * sees only its own app, so only a cross-app check catches these.
 */
export function checkWiring(loaded: LoadedEnvs): CheckResult[] {
  const { web } = loaded;
  if (!web) return [];
  const results: CheckResult[] = [];
  for (const name of apiNames) {
    const api = loaded.apis[name];
    if (!api) continue;
    results.push(issuerAgreement(name, web.auth0.issuer, api.auth0.issuer));
    const port = localPort(web.apis[name].url);
    if (port !== undefined && port !== api.port) {
      const prefix = apiEnvPrefix(name);
      results.push(
        fail(
          'env',
          `web ${prefix}_API_URL`,
          `web calls ${apis[name].serviceName} at ${web.apis[name].url}, but ${apis[name].serviceName} listens on PORT=${api.port}`,
          `set ${prefix}_API_URL=${withPort(web.apis[name].url, api.port)} in ${webApp.folder}, or PORT=${port} in ${apiApp(name).folder}`,
        ),
      );
    }
  }
  const idpPort = web.profile === 'local' ? localPort(web.auth0.domainUrl) : undefined;
  if (idpPort !== undefined && loaded.localIdp && loaded.localIdp.port !== idpPort) {
    results.push(
      fail(
        'env',
        'local-idp PORT',
        `the apps expect the local IdP at ${web.auth0.domainUrl}, but it listens on PORT=${loaded.localIdp.port}`,
        `set AUTH0_DOMAIN=${withPort(web.auth0.domainUrl, loaded.localIdp.port)} in every app, or PORT=${idpPort} in ${localIdpApp.folder}`,
      ),
    );
  }
  return results;
}

function issuerAgreement(name: ApiName, webIssuer: string, apiIssuer: string): CheckResult {
  const service = apis[name].serviceName;
  if (webIssuer === apiIssuer)
    return pass('env', `${service} issuer`, `same issuer as web (${webIssuer})`);
  return fail(
    'env',
    `${service} AUTH0_DOMAIN`,
    `${service} trusts ${apiIssuer}, but web signs users in at ${webIssuer}: every call answers 401`,
    `set the same AUTH0_DOMAIN in ${webApp.folder} and ${apiApp(name).folder}`,
  );
}

function withPort(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  return u.href.replace(/\/$/, '');
}
