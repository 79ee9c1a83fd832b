/**
 * What the deploy workflow promises, read from .github/workflows/deploy.yml: build once and use
 * the digest, promote staging's digests to production without a build, migrate before rolling
 * out, and tag an environment only after its rollout. actionlint checks the syntax.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findWorkspaceRoot } from '@repo/auth-config';
import { imageVariable } from '../src/compose/compose';
import { loadBaseImages } from '../src/stack/base-images';
import { deployableApps } from '../src/prune-build/apps';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

interface Job {
  needs?: string[];
  if?: string;
  steps: { run?: string; uses?: string; with?: Record<string, string> }[];
}
const workflow = parse(read('.github/workflows/deploy.yml')) as { jobs: Record<string, Job> };
const script = (job: string) => workflow.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');

describe('the deploy workflow', () => {
  it('builds only outside production, and tags a build with its commit, never an environment', () => {
    expect(script('plan')).toMatch(
      /if \[ "\$DEPLOY_ENVIRONMENT" = production \]; then build=false/,
    );
    expect(workflow.jobs.image!.if).toContain("needs.plan.outputs.build == 'true'");
    const meta = workflow.jobs.image!.steps.find((s) =>
      s.uses?.startsWith('docker/metadata-action'),
    );
    expect(meta?.with?.tags).toBe('type=sha,format=long');
  });

  it('releases every app by digest: this run’s build, or what staging runs, read from the registry', () => {
    const release = script('release');
    expect(release).toContain('SOURCE_TAG');
    expect(release).toMatch(/imagetools inspect "\$PREFIX\/\$app:\$SOURCE_TAG"/);
    expect(release).toContain('"$PREFIX/$app@$digest"');
  });

  it('on Kubernetes, waits for every migration Job before it applies the overlay', () => {
    const k8s = script('kubernetes');
    const migrations = k8s.indexOf('kubectl apply -k "$dir/migrations"');
    const wait = k8s.indexOf('kubectl wait --namespace "$namespace" --for=condition=complete');
    const apply = k8s.indexOf('kubectl apply -k "$dir"\n');
    expect(migrations).toBeGreaterThan(-1);
    expect(wait).toBeGreaterThan(migrations);
    expect(apply).toBeGreaterThan(wait);
  });

  it('on a compose host, names each image with the variable compose.yaml reads', () => {
    // jq: ascii_upcase, "-" → "_", then _IMAGE.
    for (const app of deployableApps())
      expect(imageVariable(app.name)).toBe(`${app.name.toUpperCase().replace(/-/g, '_')}_IMAGE`);
    expect(script('compose')).toContain('ascii_upcase | gsub("-"; "_"))_IMAGE=');
  });

  it('on Render, passes the image in the hook’s imgURL parameter', () => {
    expect(script('render')).toContain('&imgURL=');
  });

  it('moves the environment tag only after every rollout job', () => {
    expect(workflow.jobs.record!.needs).toEqual(
      expect.arrayContaining(['release', 'kubernetes', 'compose', 'render']),
    );
    expect(script('record')).toContain(
      'imagetools create --tag "$PREFIX/$app:$ENVIRONMENT" "$ref"',
    );
  });
});

describe('base images', () => {
  it('are written into generated files only as infra/base-images.json names them', () => {
    const images = Object.values(loadBaseImages(repoRoot));
    const compose = read('infra/compose/compose.yaml');
    const used = [...compose.matchAll(/^\s+image: (?!\$\{)(\S+)$/gm)].map((m) => m[1]);
    expect(used.every((image) => images.includes(image!))).toBe(true);
    for (const app of deployableApps())
      expect(read(`${app.dir}/Dockerfile`)).toContain(
        `ARG NODE_IMAGE=${loadBaseImages(repoRoot).node}\n`,
      );
    // A digest appears in a generated file only when base-images.json holds it (read by Renovate).
    const digests = (text: string) => text.match(/sha256:[a-f0-9]{64}/g) ?? [];
    const known = images.flatMap(digests);
    for (const text of [compose, ...deployableApps().map((a) => read(`${a.dir}/Dockerfile`))])
      for (const digest of digests(text)) expect(known).toContain(digest);
  });
});
