/**
 * The env files compose reads: infra/compose/.env (interpolation: passwords, image references)
 * and env/<app>.env per app (what the app's loader reads). Written as `.example` files with every
 * name the stack needs; real values are never committed (infra/compose/.gitignore).
 */
import { calleesOf, deployApis, type DeployRegistry } from '../stack/registry';
import { dbPasswordVariable, imageVariable, interpolated, observabilityProfile } from './compose';

type Line = readonly [name: string, value: string, note: string];

function render(
  header: string,
  intro: readonly string[],
  lines: readonly Line[],
  optional: readonly Line[],
) {
  return [
    header.trimEnd(),
    ...intro.map((l) => `# ${l}`),
    '',
    ...lines.flatMap(([name, value, note]) => [`# ${note}`, `${name}=${value}`]),
    '',
    '# Optional:',
    ...optional.flatMap(([name, value, note]) => [`# ${note}`, `# ${name}=${value}`]),
    '',
  ].join('\n');
}

const tenant = 'your-tenant.eu.auth0.com';
const webOrigin = 'https://app.example.com';
const publicApiUrl = (service: string) => `https://${service}.example.com`;
const otlp: Line = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'http://otel-collector:4318',
  `with --profile ${observabilityProfile}: send traces to the collector`,
];

export function interpolationEnvExample(registry: DeployRegistry, header: string): string {
  const services = [...deployApis(registry).map((a) => a.name), registry.web.serviceName];
  return render(
    header,
    [
      'Copy to infra/compose/.env (never committed): compose reads it to fill ${…} in compose.yaml.',
      'Passwords: hex only (`openssl rand -hex 24`), since they go into URLs unescaped.',
    ],
    [
      [interpolated.postgresPassword, '', "PostgreSQL's superuser (used by db-init only)"],
      [interpolated.redisPassword, '', 'Redis, for the sessions of web'],
      ...deployApis(registry).map((api): Line => [
        dbPasswordVariable(api),
        '',
        `${api.name}'s own database role`,
      ]),
    ],
    services.map((service): Line => [
      imageVariable(service),
      `ghcr.io/your-org/your-repo/${service}@sha256:…`,
      `unset: built here from apps/${service}/Dockerfile as ${service}:local`,
    ]),
  );
}

export function webEnvExample(registry: DeployRegistry, header: string): string {
  const perApi = deployApis(registry);
  return render(
    header,
    [
      `${registry.web.serviceName}: copy to env/${registry.web.serviceName}.env. compose sets SESSION_STORE_URL (its redis) and METRICS_PORT.`,
    ],
    [
      ['AUTH0_DOMAIN', tenant, "your tenant's domain (never the local IdP in a deployment)"],
      ['AUTH0_CLIENT_ID', '', 'the "Web app" application (infra/auth0)'],
      ['AUTH0_CLIENT_SECRET', '', 'the "Web app" application'],
      ['AUTH0_SECRET', '', 'openssl rand -hex 32'],
      ['APP_BASE_URL', webOrigin, 'the https origin people open (your reverse proxy)'],
      ...perApi.map((api): Line => [
        `${api.envPrefix}_API_URL`,
        publicApiUrl(api.name),
        `${api.name}'s public https URL: the server and the browser both call it`,
      ]),
    ],
    [
      ...perApi.map((api): Line => [
        `${api.envPrefix}_API_AUDIENCE`,
        registry.apis[api.key]!.audience,
        'the registry default',
      ]),
      otlp,
    ],
  );
}

export function apiEnvExample(registry: DeployRegistry, key: string, header: string): string {
  const api = deployApis(registry).find((a) => a.key === key)!;
  return render(
    header,
    [
      `${api.name}: copy to env/${api.name}.env. compose sets DATABASE_URL (its own database), PORT and METRICS_PORT.`,
    ],
    [
      ['AUTH0_DOMAIN', tenant, 'the same tenant as web'],
      ['CORS_ALLOWED_ORIGINS', webOrigin, 'the web origins whose pages call this API'],
      [
        'TRUST_PROXY',
        '1',
        'the reverse proxy on this host; the port is bound to 127.0.0.1, so nothing else reaches it',
      ],
      ['LOG_LEVEL', 'info', 'fatal|error|warn|info|debug|trace|silent'],
      ...(calleesOf(registry, key).length > 0
        ? ([
            [
              'AUTH0_CLIENT_ID',
              '',
              `the machine-to-machine application "${api.name}" (infra/auth0): it calls ${calleesOf(
                registry,
                key,
              )
                .map((c) => c.name)
                .join(', ')} as itself`,
            ],
            ['AUTH0_CLIENT_SECRET', '', `the machine-to-machine application "${api.name}"`],
          ] as const)
        : []),
    ],
    [['AUTH0_AUDIENCE', registry.apis[key]!.audience, 'the registry default'], otlp],
  );
}
