/**
 * Readers for the kinds of variable the loaders share. Each one records a problem instead of
 * throwing, so that a loader can report every problem at once.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { deriveIssuerUrls, type IssuerUrls } from '../issuer';
import { localDevSecrets } from '../local-profile';
import type { ProfileDecision } from './profile';
import type { ProblemList } from './problems';
import { read, type EnvSource } from './source';

export interface FieldContext {
  readonly source: EnvSource;
  readonly problems: ProblemList;
  readonly decision: ProfileDecision;
}

const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * Whether the issuer is the local IdP: the local profile AND an AUTH0_DOMAIN that is unset or a
 * loopback URL. USE_LOCAL_IDP=true with a real tenant's domain is not local: the public dev
 * secrets must never be used against a real tenant.
 */
export function trustsLocalIdp(ctx: FieldContext): boolean {
  if (ctx.decision.profile !== 'local') return false;
  const domain = read(ctx.source, 'AUTH0_DOMAIN');
  return domain === undefined || isLoopbackUrl(domain);
}

/** `http://localhost:4000`, `http://127.0.0.1:1234/`: a URL on this machine. */
export function isLoopbackUrl(value: string): boolean {
  try {
    const { hostname } = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/** A value the local IdP profile fills in when unset; otherwise the variable is required. */
export function localDefault<T>(ctx: FieldContext, value: T): T | undefined {
  return trustsLocalIdp(ctx) ? value : undefined;
}

export function readAuth0Domain(ctx: FieldContext, localDomain: string): IssuerUrls | undefined {
  const raw = read(ctx.source, 'AUTH0_DOMAIN') ?? localDefault(ctx, localDomain);
  if (raw === undefined) {
    ctx.problems.add(
      'AUTH0_DOMAIN',
      'is not set',
      'set it to your tenant domain, e.g. AUTH0_DOMAIN=your-tenant.eu.auth0.com (or USE_LOCAL_IDP=true for the local IdP)',
    );
    return undefined;
  }
  let urls: IssuerUrls;
  try {
    urls = deriveIssuerUrls(raw);
  } catch {
    ctx.problems.add(
      'AUTH0_DOMAIN',
      `"${raw}" is not a domain or URL`,
      'use a bare tenant domain such as your-tenant.eu.auth0.com',
    );
    return undefined;
  }
  if (urls.issuer.startsWith('http:') && ctx.decision.profile !== 'local') {
    ctx.problems.add(
      'AUTH0_DOMAIN',
      `"${raw}" is an insecure http:// issuer, which only the local IdP profile may use`,
      'use your https Auth0 tenant domain, or set USE_LOCAL_IDP=true for local development',
    );
  }
  return urls;
}

export function readUrl(
  ctx: FieldContext,
  name: string,
  options: { fallback?: string | undefined; fix: string; httpsInProduction?: boolean },
): string | undefined {
  const raw = read(ctx.source, name) ?? options.fallback;
  if (raw === undefined) {
    ctx.problems.add(name, 'is not set', options.fix);
    return undefined;
  }
  if (!httpUrl.safeParse(raw).success) {
    ctx.problems.add(name, `"${raw}" is not an http(s) URL`, options.fix);
    return undefined;
  }
  const url = raw.replace(/\/+$/, '');
  if (options.httpsInProduction && ctx.decision.profile === 'auth0' && ctx.decision.production) {
    if (!url.startsWith('https:')) {
      ctx.problems.add(name, `"${raw}" is not https in production`, options.fix);
    }
  }
  return url;
}

/** An origin is scheme://host[:port] and nothing else: a path or a wildcard never matches. */
export function parseOrigin(value: string): string | undefined {
  if (value === '*' || value === 'null' || value.includes('*')) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.origin !== value.replace(/\/$/, '')) return undefined;
  return url.origin;
}

export function readOrigins(
  ctx: FieldContext,
  name: string,
  fallback: string | undefined,
): readonly string[] | undefined {
  const raw = read(ctx.source, name) ?? fallback;
  const fix = `a comma-separated list of origins, e.g. ${name}=https://app.example.com,https://admin.example.com`;
  if (raw === undefined) {
    ctx.problems.add(name, 'is not set', fix);
    return undefined;
  }
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const origins: string[] = [];
  // In production a browser origin is https; http://localhost:<port> stays allowed for the local
  // IdP profile (the E2E harness and the prune-build test run production builds on it).
  const httpAllowed = (origin: string) =>
    !ctx.decision.production || (ctx.decision.profile === 'local' && isLoopbackUrl(origin));
  for (const entry of entries) {
    const origin = parseOrigin(entry);
    if (origin === undefined) {
      ctx.problems.add(
        name,
        `"${entry}" is not an origin (scheme://host[:port], no path, no wildcard)`,
        fix,
      );
    } else if (origin.startsWith('http:') && !httpAllowed(origin)) {
      ctx.problems.add(name, `"${entry}" is not https; production accepts only https origins`, fix);
    } else origins.push(origin);
  }
  if (entries.length === 0) ctx.problems.add(name, 'lists no origin', fix);
  return origins;
}

export function readSecret(
  ctx: FieldContext,
  name: string,
  options: { fallback?: string | undefined; minLength: number; fix: string },
): string | undefined {
  const raw = read(ctx.source, name) ?? options.fallback;
  if (raw === undefined) {
    ctx.problems.add(name, 'is not set', options.fix);
    return undefined;
  }
  if (raw.length < options.minLength) {
    ctx.problems.add(
      name,
      `is ${raw.length} characters; at least ${options.minLength} are required`,
      options.fix,
    );
  }
  if (!trustsLocalIdp(ctx) && localDevSecrets.includes(raw)) {
    ctx.problems.add(
      name,
      'is the public local-development secret',
      `${options.fix} (never reuse the dev value outside the local profile)`,
    );
  }
  return raw;
}

export function readRequired(
  ctx: FieldContext,
  name: string,
  options: { fallback?: string | undefined; fix: string },
): string | undefined {
  const raw = read(ctx.source, name) ?? options.fallback;
  if (raw === undefined) ctx.problems.add(name, 'is not set', options.fix);
  return raw;
}

export function readPort(ctx: FieldContext, name: string, fallback: number): number {
  const raw = read(ctx.source, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    ctx.problems.add(
      name,
      `"${raw}" is not a port number`,
      `set ${name} to an integer from 0 to 65535`,
    );
    return fallback;
  }
  return port;
}

export function readEnum<T extends string>(
  ctx: FieldContext,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = read(ctx.source, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    ctx.problems.add(
      name,
      `"${raw}" is not one of ${allowed.join(', ')}`,
      `set ${name} to one of ${allowed.join(', ')}`,
    );
    return fallback;
  }
  return raw as T;
}

export function readDatabaseUrl(ctx: FieldContext, name = 'DATABASE_URL'): string | undefined {
  const raw = read(ctx.source, name);
  const fix = `set ${name}=postgres://user:password@host:5432/dbname`;
  if (raw === undefined) {
    // PGlite neither locks its folder nor fsyncs like a server, and production images do not
    // carry it: production needs PostgreSQL, whichever IdP it trusts.
    if (ctx.decision.production) {
      ctx.problems.add(
        name,
        'is not set; production needs a PostgreSQL server (PGlite is for dev and tests)',
        fix,
      );
    }
    return undefined;
  }
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    ctx.problems.add(name, 'is not a postgres:// URL', fix);
    return undefined;
  }
  return raw;
}

/**
 * Which proxies in front of the API are trusted to say who the client is (X-Forwarded-For):
 * unset → none (the socket's address is the client), a number → that many hops, otherwise a
 * comma-separated list of addresses or CIDRs. Trusting every proxy would let any client pick the
 * address the per-client limits key on, so `true`, `*` and whole-Internet ranges are refused.
 */
export type TrustProxy = false | number | readonly string[];

export function readTrustProxy(ctx: FieldContext, name = 'TRUST_PROXY'): TrustProxy {
  const raw = read(ctx.source, name);
  const fix = `set ${name} to the number of proxies in front of the API (e.g. 1 behind one load balancer) or their addresses/CIDRs (e.g. 10.0.0.0/8,fd00::/8)`;
  if (raw === undefined) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) ctx.problems.add(name, `"${raw}" hops is not plausible`, fix);
    return hops === 0 ? false : hops;
  }
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const cidrs: string[] = [];
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = family === 6 ? 128 : 32;
    const valid =
      family !== 0 &&
      rest.length === 0 &&
      (bits === undefined || (/^\d+$/.test(prefix!) && bits >= 1 && bits <= max));
    if (!valid) {
      const all = ['true', '*', 'all'].includes(entry.toLowerCase()) || bits === 0;
      ctx.problems.add(
        name,
        all
          ? `"${entry}" would trust every proxy, so any client could choose its own address`
          : `"${entry}" is not an IP address or CIDR`,
        fix,
      );
    } else cidrs.push(entry);
  }
  if (entries.length === 0) ctx.problems.add(name, 'lists no proxy', fix);
  return Object.freeze(cidrs);
}
