/**
 * `kubectl kustomize` (kustomize v5, in kubectl ≥ 1.27) of each overlay prints exactly the object
 * list the generator wrote, for the registry and for the registry plus a generated service; and a
 * release pins every image by digest and carries one migration Job per API. Runs where kubectl is
 * on PATH; KUBECTL_REQUIRED=true (CI) makes a missing kubectl a failure.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { findWorkspaceRoot } from '@repo/auth-config';
import { loadClusterEnvironments } from '../src/k8s/environments';
import { k8sDir, k8sFiles, renderedFile } from '../src/k8s/files';
import { release } from '../src/k8s/release';
import { deployApis } from '../src/stack/registry';
import { registries } from '../test/registries';
import { toolsEnv } from './tools.env';
import { writeScratch, writeUnder } from './write-files';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const environments = loadClusterEnvironments(repoRoot);
const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** kubectl's minor version when it is on PATH and ≥ 1.27 (kustomize v5: sortOptions). */
function kubectlMinor(): number | undefined {
  const result = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  const { clientVersion } = JSON.parse(result.stdout) as {
    clientVersion: { major: string; minor: string };
  };
  const minor = Number.parseInt(clientVersion.minor, 10);
  return clientVersion.major === '1' && minor >= 27 ? minor : undefined;
}
const minor = kubectlMinor();
const required = toolsEnv.kubectlRequired();
if (minor === undefined)
  console.warn('kubectl ≥ 1.27 is not on PATH: kustomize comparisons not run');

const kustomize = (dir: string) => {
  const result = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return parseAllDocuments(result.stdout).map((d) => d.toJS() as Record<string, unknown>);
};
const documentsOf = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter(Boolean);

describe('kubectl', () => {
  it('is on PATH at 1.27 or later wherever KUBECTL_REQUIRED=true (CI)', () => {
    if (required) expect(minor).toBeGreaterThanOrEqual(27);
    else expect(required).toBe(false);
  });
});

describe.runIf(minor !== undefined).each(registries)(
  'kubectl kustomize for %s',
  async (_name, registry) => {
    const files = await k8sFiles(repoRoot, registry, environments);
    const root = writeScratch('k8s-', files);
    scratch.push(root);

    it.each(environments.map((e) => [e.name, e] as const))(
      'of overlay %s equals the written list',
      (name) => {
        const written = documentsOf(files.find((f) => f.path === renderedFile(name))!.content);
        expect(kustomize(join(root, k8sDir, 'overlays', name))).toEqual(written);
      },
    );

    it('of a release pins every image by digest, and its migrations are one Job per API', () => {
      const env = environments[0]!;
      const apps = [registry.web.serviceName, ...deployApis(registry).map((a) => a.name)];
      const digest = `sha256:${'c'.repeat(64)}`;
      const images = Object.fromEntries(apps.map((a) => [a, `ghcr.io/acme/shop/${a}@${digest}`]));
      const dir = `${k8sDir}/releases/${env.name}`;
      const result = release(registry, env, images, dir);
      writeUnder(
        root,
        result.files.map((f) => ({ ...f, path: `${dir}/${f.path}` })),
      );
      const objects = kustomize(join(root, dir));
      const written = documentsOf(files.find((f) => f.path === renderedFile(env.name))!.content);
      expect(objects).toHaveLength(written.length);
      const deployments = objects.filter((o) => o.kind === 'Deployment') as {
        metadata: { name: string };
        spec: { template: { spec: { containers: { image: string }[] } } };
      }[];
      expect(
        deployments.map((d) => [d.metadata.name, d.spec.template.spec.containers[0]!.image]),
      ).toEqual(apps.map((a) => [a, `ghcr.io/acme/shop/${a}@${digest}`]));
      const jobs = kustomize(join(root, dir, 'migrations')) as {
        kind: string;
        metadata: { name: string; namespace: string };
      }[];
      expect(
        jobs
          .filter((j) => j.kind === 'Job')
          .map((j) => [j.kind, j.metadata.namespace, j.metadata.name]),
      ).toEqual(result.jobs.map((job) => ['Job', env.namespace, job]));
    });
  },
);
