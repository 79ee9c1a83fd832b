import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findWorkspaceRoot } from '@repo/auth-config';
import { formatFinding, lintWorkflows } from '../src/actionlint.mjs';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function fakeRepo(workflow: string): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'actionlint-'));
  await mkdir(join(dir, '.github', 'workflows'), { recursive: true });
  await mkdir(join(dir, '.github', 'actions', 'setup'), { recursive: true });
  await writeFile(
    join(dir, '.github', 'actions', 'setup', 'action.yml'),
    'name: s\nruns:\n  using: composite\n  steps: []\n',
  );
  await writeFile(join(dir, '.github', 'workflows', 'w.yml'), workflow);
  return dir;
}

const job = (steps: string, extra = '') =>
  `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n${extra}    steps:\n${steps}`;

describe('actionlint (offline, WebAssembly)', () => {
  it("passes this repository's workflows", async () => {
    const { files, findings } = await lintWorkflows({
      workflowsDir: join(repoRoot, '.github', 'workflows'),
      repoRoot,
    });
    expect(files).toContain('ci.yml');
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it('reports a job that needs a missing job and an undefined matrix property', async () => {
    const root = await fakeRepo(
      job(
        '      - run: echo ${{ matrix.nod }}\n',
        '    needs: nope\n    strategy:\n      matrix:\n        node: [20]\n',
      ),
    );
    const { findings } = await lintWorkflows({
      workflowsDir: join(root, '.github', 'workflows'),
      repoRoot: root,
    });
    expect(findings.map((f) => f.kind).sort()).toEqual(['expression', 'job-needs']);
    expect(formatFinding(findings[0]!)).toMatch(/^\.github\/workflows\/w\.yml:\d+:\d+: /);
  });

  it('reports a local action without action.yml, and accepts one that has it', async () => {
    const root = await fakeRepo(
      job('      - uses: ./.github/actions/setup\n      - uses: ./.github/actions/missing\n'),
    );
    const { findings } = await lintWorkflows({
      workflowsDir: join(root, '.github', 'workflows'),
      repoRoot: root,
    });
    expect(findings.map(formatFinding)).toEqual([
      '.github/workflows/w.yml:7:15: local action "./.github/actions/missing" has no action.yml [local-action]',
    ]);
  });
});
