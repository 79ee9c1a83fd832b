import { localIdpDomain, localServiceClient, localWebBackchannelLogoutUri } from './local-profile';
import {
  apiEnvPrefix,
  apiNames,
  apis,
  callsOf,
  metricsPort,
  services,
  type ApiName,
} from './registry';
import { logLevels } from './env/api';

/**
 * The `.env.example` of every app, written from the registry and the loaders' variable names
 * (`pnpm --filter @repo/auth-config gen:env-examples`); a test fails when a committed one is
 * stale. Every line is commented out: with nothing set, `pnpm dev` works on the local IdP.
 */
export interface EnvExample {
  /** From the repo root, e.g. `apps/orders-api/.env.example`. */
  readonly path: string;
  readonly content: string;
}

type Line = readonly [name: string, example: string, note?: string];

const tenantDomain = 'your-tenant.us.auth0.com';
const webOrigin = `http://localhost:${services.web.port}`;

function render(path: string, intro: readonly string[], lines: readonly Line[]): EnvExample {
  const width = Math.max(...lines.map(([name, example]) => name.length + example.length + 1));
  const body = lines.map(([name, example, note]) =>
    note ? `# ${`${name}=${example}`.padEnd(width)}  # ${note}` : `# ${name}=${example}`,
  );
  const header = [
    `# ${path}: GENERATED from @repo/auth-config (pnpm --filter @repo/auth-config gen:env-examples); do not edit.`,
    ...intro.map((l) => `# ${l}`),
    '#',
    '# Copy to .env.local (never committed) to override. The shell environment wins over .env.local,',
    '# which wins over .env.',
  ];
  return { path, content: `${[...header, ...body].join('\n')}\n` };
}

const idpLines: readonly Line[] = [
  ['USE_LOCAL_IDP', '', 'true forces the local IdP, even with NODE_ENV=production (loudly warned)'],
  ['AUTH0_DOMAIN', tenantDomain, `unset outside production: the local IdP at ${localIdpDomain}`],
];

/**
 * OpenTelemetry's standard variables and the metrics listener (docs/observability.md). With no
 * endpoint nothing is exported; the exporter reads its headers, timeout and compression itself.
 */
function telemetryLines(serviceName: string): Line[] {
  return [
    [
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'http://localhost:4318',
      'the collector (OTLP/HTTP); unset: no traces exported',
    ],
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', '', 'the full traces URL instead (…/v1/traces)'],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'http/protobuf', 'or http/json (grpc is not supported)'],
    ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', ''],
    ['OTEL_EXPORTER_OTLP_HEADERS', '', 'name=value,… e.g. a vendor API key'],
    ['OTEL_EXPORTER_OTLP_TRACES_HEADERS', ''],
    ['OTEL_EXPORTER_OTLP_TIMEOUT', '10000', 'ms per export'],
    ['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', ''],
    ['OTEL_EXPORTER_OTLP_COMPRESSION', 'none', 'or gzip'],
    ['OTEL_EXPORTER_OTLP_TRACES_COMPRESSION', ''],
    ['OTEL_SERVICE_NAME', serviceName, 'default shown (the registry name)'],
    ['OTEL_RESOURCE_ATTRIBUTES', 'deployment.environment.name=staging'],
    ['OTEL_TRACES_SAMPLER', 'parentbased_always_on', 'e.g. parentbased_traceidratio'],
    ['OTEL_TRACES_SAMPLER_ARG', '1', 'the ratio kept by the ratio samplers, e.g. 0.1'],
    ['OTEL_TRACES_EXPORTER', 'otlp', 'none turns export off'],
    ['OTEL_PROPAGATORS', 'tracecontext,baggage'],
    ['OTEL_BSP_SCHEDULE_DELAY', '5000', 'ms between two exports'],
    ['OTEL_SDK_DISABLED', 'false'],
    ['METRICS_PORT', String(metricsPort), 'serves GET /metrics (Prometheus) only; unset: none'],
  ];
}

export function webEnvExample(): EnvExample {
  const perApi = apiNames.flatMap((name): Line[] => {
    const prefix = apiEnvPrefix(name);
    return [
      [
        `${prefix}_API_URL`,
        `http://localhost:${apis[name].port}`,
        `${apis[name].serviceName}, as the server and the browser reach it`,
      ],
      [`${prefix}_API_AUDIENCE`, apis[name].audience, 'the Auth0 API identifier (default shown)'],
    ];
  });
  return render(
    'apps/web/.env.example',
    [
      'The web app (Next.js + nextjs-auth0). For a real tenant set the AUTH0_* values and APP_BASE_URL.',
    ],
    [
      ...idpLines,
      ['AUTH0_CLIENT_ID', '', 'your Regular Web Application'],
      ['AUTH0_CLIENT_SECRET', ''],
      ['AUTH0_SECRET', '', 'at least 32 characters: openssl rand -hex 32'],
      ['APP_BASE_URL', webOrigin, 'the URL people open; https in production'],
      [
        'SESSION_STORE_URL',
        'redis://localhost:6379',
        'required in production (or "cookie"); unset in dev: .data/web/',
      ],
      [
        'DATA_DIR',
        '',
        'the embedded session store when SESSION_STORE_URL is unset (default .data/web/)',
      ],
      ...perApi,
      ...telemetryLines(services.web.serviceName),
    ],
  );
}

/** An API that calls others: its own M2M application, and where each callee is. */
function callerLines(name: ApiName): Line[] {
  const calls = callsOf(name);
  if (calls.length === 0) return [];
  return [
    [
      'AUTH0_CLIENT_ID',
      '',
      `its own M2M application, never the web app's; unset locally: ${localServiceClient(name).clientId}`,
    ],
    ['AUTH0_CLIENT_SECRET', '', 'required with a tenant'],
    ...calls.flatMap(({ callee, scopes }): Line[] => {
      const prefix = apiEnvPrefix(callee);
      const target = apis[callee];
      return [
        [
          `${prefix}_API_URL`,
          `http://localhost:${target.port}`,
          `${target.serviceName}, called with ${scopes.join(' ')}; required in production`,
        ],
        [`${prefix}_API_AUDIENCE`, target.audience, `${target.serviceName}'s AUTH0_AUDIENCE`],
      ];
    }),
  ];
}

export function apiEnvExample(name: ApiName): EnvExample {
  const api = apis[name];
  return render(
    `apps/${api.serviceName}/.env.example`,
    [`${api.displayName}: tokens for ${api.audience}, CORS for the web app, its own database.`],
    [
      ...idpLines,
      [
        'AUTH0_AUDIENCE',
        api.audience,
        "default shown; must equal the web app's audience for this API",
      ],
      ['PORT', String(api.port)],
      ['HOST', '127.0.0.1', '0.0.0.0 by default in production'],
      ['CORS_ALLOWED_ORIGINS', webOrigin, 'comma-separated origins; never *'],
      [
        'DATABASE_URL',
        `postgres://user:password@db.example.com:5432/${api.serviceName.replace(/-/g, '_')}`,
        'required in production',
      ],
      [
        'DATA_DIR',
        '',
        `PGlite folder when DATABASE_URL is unset (default .data/${api.serviceName}/)`,
      ],
      ['LOG_LEVEL', 'info', logLevels.join('|')],
      [
        'TRUST_PROXY',
        '1',
        'proxies in front (a hop count, or their CIDRs); unset: none. docs/security.md',
      ],
      ...telemetryLines(api.serviceName),
      ...callerLines(name),
    ],
  );
}

export function localIdpEnvExample(): EnvExample {
  return render(
    'packages/local-idp/.env.example',
    ['The local development IdP (never deployed).'],
    [
      ['PORT', String(services['local-idp'].port)],
      ['LOCAL_IDP_DATA_DIR', '', 'keys, grants and refresh tokens (default .data/local-idp/)'],
      [
        'WEB_BACKCHANNEL_LOGOUT_URI',
        localWebBackchannelLogoutUri,
        "where the web client's logout tokens go; http on localhost only",
      ],
      [
        'LOCAL_IDP_WEB_ORIGINS',
        '',
        'origins besides localhost where the web app runs, comma-separated (e.g. https://app.test:8443)',
      ],
    ],
  );
}

/** Every `.env.example` the repo commits. */
export function envExamples(): EnvExample[] {
  return [webEnvExample(), ...apiNames.map(apiEnvExample), localIdpEnvExample()];
}
