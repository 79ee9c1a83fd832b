import {
  apiByAudience,
  apiNames,
  apis,
  deriveIssuerUrls,
  legacyEnvNames,
  type LegacyEnvName,
} from '@repo/auth-config';
import { apiApp, webApp, type AppRef, type EnvSources } from '../apps';
import type { LoadedEnvs } from './env';
import { fail, warn, type CheckResult } from '../result';

/** The apps the names are looked for in; the local IdP never had v3-era variables. */
const scannedApps: readonly { readonly app: AppRef; readonly kind: 'web' | 'api' }[] = [
  { app: webApp, kind: 'web' },
  ...apiNames.map((n) => ({ app: apiApp(n), kind: 'api' as const })),
];

interface Scanned {
  readonly app: AppRef;
  readonly kind: 'web' | 'api';
  /** What the app's loader made of its env: the issuer and the base URL it really uses. */
  readonly issuer: string | undefined;
  readonly appBaseUrl: string | undefined;
}

function scanned(loaded: LoadedEnvs): Scanned[] {
  const { web } = loaded;
  return [
    { app: webApp, kind: 'web', issuer: web?.auth0.issuer, appBaseUrl: web?.appBaseUrl },
    ...apiNames.map((n): Scanned => ({
      app: apiApp(n),
      kind: 'api',
      issuer: loaded.apis[n]?.auth0.issuer,
      appBaseUrl: undefined,
    })),
  ];
}

/** As the loaders read a variable: trimmed, and empty means unset. */
function valueOf(sources: EnvSources, app: AppRef, name: string): string | undefined {
  const value = sources[app.serviceName]?.[name]?.trim();
  return value ? value : undefined;
}

/** AUTH0_ISSUER_BASE_URL was a URL; AUTH0_DOMAIN is a bare domain (a URL only for the local IdP). */
function asDomain(issuerBaseUrl: string): string {
  try {
    const url = new URL(
      /^https?:\/\//i.test(issuerBaseUrl) ? issuerBaseUrl : `https://${issuerBaseUrl}`,
    );
    return url.protocol === 'http:' ? url.origin : url.host;
  } catch {
    return issuerBaseUrl;
  }
}

/** The v4 value the old one means, and whether the app already ends up using it. */
function translate(
  legacy: LegacyEnvName,
  old: string,
  s: Scanned,
): { value: string; honoured: boolean } | undefined {
  switch (legacy.replacedBy[0]) {
    case 'AUTH0_DOMAIN': {
      const value = asDomain(old);
      let issuer: string | undefined;
      try {
        issuer = deriveIssuerUrls(value).issuer;
      } catch {
        issuer = undefined;
      }
      return { value, honoured: issuer !== undefined && issuer === s.issuer };
    }
    case 'APP_BASE_URL': {
      const value = old.replace(/\/+$/, '');
      return { value, honoured: value === s.appBaseUrl };
    }
    default:
      return undefined;
  }
}

const removeIt = (name: string, app: AppRef) =>
  `remove ${name} from ${app.folder}/.env.local or .env (or unset it in the shell)`;

function row(legacy: LegacyEnvName, old: string, s: Scanned, sources: EnvSources): CheckResult {
  const subject = `${s.app.serviceName} ${legacy.name}`;
  const app = s.app.serviceName;
  const translated = translate(legacy, old, s);
  if (translated) {
    const v4 = legacy.replacedBy[0]!;
    const detail = `a v3-era name: ${app} reads ${v4} instead (${legacy.note})`;
    if (valueOf(sources, s.app, v4) !== undefined)
      return warn('env', subject, `${detail}, which is set`, removeIt(legacy.name, s.app));
    const fix = `set ${v4}=${translated.value} in ${s.app.folder}/.env.local (${legacy.note}), and ${removeIt(legacy.name, s.app)}`;
    return translated.honoured
      ? warn('env', subject, `${detail}; ${v4} is unset, and its default happens to match`, fix)
      : fail('env', subject, `${detail}; ${v4} is unset, so ${app} does not use "${old}"`, fix);
  }
  const detail = `a v3-era name, which ${app} never reads: ${legacy.note}`;
  if (legacy.name === 'AUTH0_AUDIENCE') {
    const owner = apiByAudience(old);
    const perApi = legacy.replacedBy.join(', ');
    return warn(
      'env',
      subject,
      detail,
      owner
        ? `${removeIt(legacy.name, s.app)}: "${old}" is ${apis[owner].serviceName}'s audience in the registry already (${perApi} override one API's)`
        : `${removeIt(legacy.name, s.app)}; if "${old}" is an API Identifier in your tenant, set it as that API's audience instead (${perApi})`,
    );
  }
  return warn('env', subject, detail, removeIt(legacy.name, s.app));
}

/**
 * Check 1b: the v3-era names, which the loaders ignore like any unknown variable. One row per
 * name found in an app's env, saying what to set instead. A warning while the app still gets
 * what the old name meant; a failure when the v4 name is unset and the app uses something else.
 */
function checkLegacyNames(sources: EnvSources, loaded: LoadedEnvs): CheckResult[] {
  const results: CheckResult[] = [];
  for (const s of scanned(loaded)) {
    for (const legacy of legacyEnvNames) {
      if (!legacy.staleIn.includes(s.kind)) continue;
      const old = valueOf(sources, s.app, legacy.name);
      if (old !== undefined) results.push(row(legacy, old, s, sources));
    }
  }
  return results;
}

/**
 * The env row of a v4 variable that is missing says so in the loader's words; when its v3 name
 * is set in the same app, say that too, so the user sees why the value they wrote is not read.
 */
function withLegacyHints(results: readonly CheckResult[], sources: EnvSources): CheckResult[] {
  return results.map((r) => {
    if (r.group !== 'env' || r.status !== 'fail') return r;
    for (const s of scannedApps) {
      const prefix = `${s.app.serviceName} `;
      if (!r.subject.startsWith(prefix)) continue;
      const variable = r.subject.slice(prefix.length);
      const legacy = legacyEnvNames.find(
        (l) =>
          l.staleIn.includes(s.kind) &&
          l.replacedBy.includes(variable) &&
          valueOf(sources, s.app, l.name) !== undefined,
      );
      if (legacy)
        return {
          ...r,
          fix: `${r.fix}; ${legacy.name} is set there, but that is the v3-era name of ${variable}`,
        };
    }
    return r;
  });
}

/**
 * The env rows, each app's v3-era names right after its own rows (where the user already looks
 * at that app), and the v4 rows' fixes naming the old name that was meant.
 */
export function envWithLegacyNames(
  envResults: readonly CheckResult[],
  sources: EnvSources,
  loaded: LoadedEnvs,
): CheckResult[] {
  const rows = withLegacyHints(envResults, sources);
  for (const legacy of checkLegacyNames(sources, loaded)) {
    const app = legacy.subject.slice(0, legacy.subject.indexOf(' '));
    const ofApp = (r: CheckResult) => r.subject === app || r.subject.startsWith(`${app} `);
    const last = rows.findLastIndex(ofApp);
    rows.splice(last + 1, 0, legacy);
  }
  return rows;
}
