/**
 * infra/k8s is generated from the registry: the base, an overlay per environment, and the object
 * list each overlay renders to. These tests fail when any of it is stale, validate every object of
 * every overlay against its Kubernetes schema offline, and pin what the cluster relies on.
 * `kubectl kustomize` of each overlay is compared with the written list in infra-test/.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { findWorkspaceRoot } from '@repo/auth-config';
import { staleFiles } from '../src/generated-files';
import { secretKeys, trustProxyFor } from '../src/k8s/config';
import {
  preStopSleepSeconds,
  serviceKitDrainSeconds,
  terminationGracePeriodSeconds,
} from '../src/k8s/drain';
import { loadClusterEnvironments } from '../src/k8s/environments';
import { k8sFiles, renderedFile, type KubeObject } from '../src/k8s/files';
import { environmentObjects, layout, renderedObjects } from '../src/k8s/manifests';
import { release } from '../src/k8s/release';
import { currentRegistry, deployApis, type DeployRegistry } from '../src/stack/registry';
import { validateObject } from './kube-models';
import { registries } from './registries';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const environments = loadClusterEnvironments(repoRoot);

function render(registry: DeployRegistry): Map<string, KubeObject[]> {
  const per = new Map(environments.map((env) => [env.name, environmentObjects(registry, env)]));
  const { base, overlays } = layout(per);
  return new Map(
    environments.map((env) => [
      env.name,
      renderedObjects(base, overlays.get(env.name)!, env.namespace),
    ]),
  );
}

type Obj = KubeObject & { spec?: any; data?: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const find = (objects: KubeObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name) as Obj;

describe('infra/k8s is generated from the registry', () => {
  it('is up to date (else run: pnpm --filter @repo/deploy-tools gen:k8s)', async () => {
    const files = await k8sFiles(repoRoot, currentRegistry(), environments);
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(environments.map((e) => renderedFile(e.name))),
    );
    expect(staleFiles(repoRoot, files)).toEqual([]);
  });

  it('is found stale after a hand edit', async () => {
    const files = await k8sFiles(repoRoot, currentRegistry(), environments);
    const copy = mkdtempSync(join(tmpdir(), 'k8s-fresh-'));
    try {
      cpSync(join(repoRoot, 'infra/k8s'), join(copy, 'infra/k8s'), { recursive: true });
      const file = join(copy, 'infra/k8s/base/web.yaml');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          'readOnlyRootFilesystem: true',
          'readOnlyRootFilesystem: false',
        ),
      );
      expect(staleFiles(copy, files)).toEqual(['infra/k8s/base/web.yaml']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('writes, for each overlay, the objects the generator computed', () => {
    const rendered = render(currentRegistry());
    for (const env of environments) {
      const written = parseAllDocuments(
        readFileSync(join(repoRoot, renderedFile(env.name)), 'utf8'),
      )
        .map((d) => d.toJS() as unknown)
        .filter(Boolean);
      expect(written).toEqual(rendered.get(env.name));
    }
  });

  it('refuses an object its schema refuses, and a kind it has no schema for', () => {
    const broken = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'broken' },
      spec: {
        selector: {},
        template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 'http' }] }] } },
      },
    };
    expect(() => validateObject(broken)).toThrow(/Deployment\/broken/);
    expect(() =>
      validateObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }),
    ).toThrow(/no schema/);
  });

  it('matches service-kit’s drain: preStop, then at most its drain timeout, inside the grace period', () => {
    // service-kit's startServer: `drainTimeoutMs ?? 10_000`. Read from its source, since the
    // default is not exported: a change there fails here.
    const serve = readFileSync(join(repoRoot, 'packages/service-kit/src/serve.ts'), 'utf8');
    const ms = Number(/drainTimeoutMs \?\? ([\d_]+)/.exec(serve)?.[1]?.replace(/_/g, ''));
    expect(ms / 1000).toBe(serviceKitDrainSeconds);
    expect(terminationGracePeriodSeconds).toBeGreaterThan(
      preStopSleepSeconds + serviceKitDrainSeconds,
    );
  });
});

describe.each(registries)('Kubernetes objects for %s', (_name, registry) => {
  const rendered = render(registry);
  const apis = deployApis(registry);
  const apps = [
    { name: registry.web.serviceName, port: registry.web.port, kind: 'web' as const },
    ...apis.map((a) => ({ name: a.name, port: a.port, kind: 'api' as const })),
  ];

  describe.each(environments.map((e) => [e.name, e] as const))('overlay %s', (envName, env) => {
    const objects = rendered.get(envName)!;

    it('validates every object against its Kubernetes schema, and holds no Secret', () => {
      for (const object of objects) validateObject(object);
      expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
      for (const o of objects)
        if (o.kind !== 'Namespace')
          expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(env.namespace);
    });

    it.each(apps)(
      'runs $name non-root and read-only, probed, drained, scaled from 2, disruption-budgeted',
      (app) => {
        const deployment = find(objects, 'Deployment', app.name);
        const pod = deployment.spec.template.spec;
        const [container] = pod.containers;
        expect(deployment.spec.replicas).toBeUndefined();
        expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(container.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        const mounts = container.volumeMounts.map((m: { mountPath: string }) => m.mountPath);
        expect(mounts).toContain('/tmp');
        if (app.kind === 'web') expect(mounts).toContain(`/app/apps/${app.name}/.next/cache`);
        for (const volume of pod.volumes) expect(volume.emptyDir).toEqual({});
        expect(container.resources.requests).toHaveProperty('cpu');
        expect(container.resources.limits).toHaveProperty('memory');
        expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
        expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
        expect(container.ports).toEqual([
          { name: 'http', containerPort: app.port },
          { name: 'metrics', containerPort: registry.metricsPort },
        ]);
        expect(container.env).toContainEqual({
          name: 'METRICS_PORT',
          value: String(registry.metricsPort),
        });
        expect(container.lifecycle.preStop.exec.command).toEqual([
          'sleep',
          String(preStopSleepSeconds),
        ]);
        expect(pod.terminationGracePeriodSeconds).toBe(terminationGracePeriodSeconds);
        expect(container.envFrom).toEqual([
          { configMapRef: { name: `${app.name}-config` } },
          { secretRef: { name: `${app.name}-secrets` } },
        ]);
        if (app.kind === 'api')
          expect(container.command).toEqual([
            'node',
            '--enable-source-maps',
            '--import',
            './dist/instrumentation.mjs',
            'dist/server.mjs',
          ]);

        const hpa = find(objects, 'HorizontalPodAutoscaler', app.name);
        expect(hpa.spec.scaleTargetRef).toEqual({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: app.name,
        });
        expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
        expect(find(objects, 'PodDisruptionBudget', app.name).spec.maxUnavailable).toBe(1);
        expect(find(objects, 'Service', app.name).spec.ports).toEqual([
          { name: 'http', port: app.port, targetPort: 'http' },
        ]);
      },
    );

    it('serves web and every API over TLS through the ingress, with the APIs trusting exactly its hops', () => {
      const ingress = find(objects, 'Ingress', 'public');
      const hosts = ingress.spec.rules.map((r: { host: string }) => r.host);
      expect(ingress.spec.tls).toEqual([{ hosts, secretName: env.tlsSecretName }]);
      for (const url of env.webBaseUrls) expect(hosts).toContain(new URL(url).hostname);
      for (const api of apis) {
        expect(hosts).toContain(`${api.name}.${env.apiDomain}`);
        const config = find(objects, 'ConfigMap', `${api.name}-config`).data!;
        expect(config.TRUST_PROXY).toBe(trustProxyFor(env));
        expect(config.TRUST_PROXY).toBe(String(env.ingress.proxyHops));
        expect(config.CORS_ALLOWED_ORIGINS).toBe(env.webBaseUrls.join(','));
      }
      // orders-api calls profile-api inside the cluster, through its Service.
      expect(find(objects, 'ConfigMap', 'orders-api-config').data!.PROFILE_API_URL).toBe(
        'http://profile-api:4002',
      );
      expect(find(objects, 'ConfigMap', 'profile-api-config').data!.ORDERS_API_URL).toBeUndefined();
      const web = find(objects, 'ConfigMap', `${registry.web.serviceName}-config`).data!;
      expect(web.APP_BASE_URL).toBe(env.webBaseUrls[0]);
      for (const api of apis)
        expect(web[`${api.envPrefix}_API_URL`]).toBe(`https://${api.name}.${env.apiDomain}`);
      // Secrets stay in the Secrets: no ConfigMap carries one of their keys.
      for (const config of objects.filter((o) => o.kind === 'ConfigMap') as Obj[])
        for (const key of [...secretKeys.web, ...secretKeys.api, ...secretKeys.caller])
          expect(Object.keys(config.data!)).not.toContain(key);
    });
  });

  it('names each API’s migration Job after its image digest, one per release, and validates them', () => {
    const digest = (c: string) => `sha256:${c.repeat(64)}`;
    const images = Object.fromEntries(
      apps.map((a) => [a.name, `ghcr.io/acme/shop/${a.name}@${digest('a')}`]),
    );
    const env = environments[0]!;
    const first = release(registry, env, images, `infra/k8s/releases/${env.name}`);
    expect(first.jobs).toEqual(apis.map((a) => `${a.name}-migrate-aaaaaaaaaaaa`));
    const migrations = parseAllDocuments(
      first.files.find((f) => f.path === 'migrations/jobs.yaml')!.content,
    ).map((d) => d.toJS() as Obj);
    for (const object of migrations) validateObject(object);
    // What a Job reads comes with it: the first release into an empty namespace can migrate.
    expect(migrations.map((o) => o.kind)).toEqual([
      'Namespace',
      ...apps.map(() => 'ConfigMap'),
      ...apis.map(() => 'Job'),
    ]);
    const jobs = migrations.filter((o) => o.kind === 'Job');
    expect(jobs.map((j) => j.metadata.name)).toEqual(first.jobs);
    for (const job of jobs) {
      const container = job.spec.template.spec.containers[0];
      expect(container.command.at(-1)).toBe('dist/migrate.mjs');
      expect(container.image).toMatch(new RegExp(`@${digest('a')}$`));
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
    }
    const next = release(
      registry,
      env,
      { ...images, [apis[0]!.name]: `ghcr.io/acme/shop/${apis[0]!.name}@${digest('b')}` },
      'x',
    );
    expect(next.jobs[0]).toBe(`${apis[0]!.name}-migrate-bbbbbbbbbbbb`);
    expect(() =>
      release(registry, env, { ...images, web: 'ghcr.io/acme/shop/web:latest' }, 'x'),
    ).toThrow(/sha256/);
  });
});
