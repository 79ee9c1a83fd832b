#!/usr/bin/env node
// `bundle-api`: an API's `build` script. Run in the API's folder (pnpm does), it writes
// dist/server.mjs, dist/migrate.mjs and dist/instrumentation.mjs (each when its source exists) and
// copies the SQL migrations.
//
// Why bundle at all: the internal packages (@repo/*) are TypeScript source, which Node does not
// run from node_modules. esbuild inlines them; every npm package stays external and is installed
// in the image by `pnpm install --prod` (hoisted), so PGlite's WASM files, pg's optional native
// binding and pino's worker files load exactly as they do in dev.
//
// Plain JavaScript on purpose: a build tool that needs a TS loader to start would add one more
// moving part to every Docker build.
import { existsSync, realpathSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Internal packages are inlined; anything else that is not a relative path stays external. */
export const internalPackage = /^@repo\//;

/** @type {import('esbuild').Plugin} */
export const externalizeNpmPackages = {
  name: 'externalize-npm-packages',
  setup(b) {
    // Bare specifiers only ("pino", "@electric-sql/pglite", "node:fs"); paths are bundled.
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (internalPackage.test(args.path)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * Bundles the API in `appDir` into `outDir` (its dist/ unless told; the bench builds elsewhere so
 * that it never touches an app's own build output).
 * @param {{ appDir: string, outDir?: string, log?: (line: string) => void }} options
 * @returns {Promise<{ outDir: string, entries: string[] }>}
 */
export async function bundleApi({
  appDir,
  outDir = join(appDir, 'dist'),
  log = (line) => console.log(line),
}) {
  // src/instrumentation.ts: OpenTelemetry, loaded before the server with --import (the recipe).
  const entries = ['src/server.ts', 'src/migrate.ts', 'src/instrumentation.ts']
    .map((entry) => join(appDir, entry))
    .filter((entry) => existsSync(entry));
  if (!entries.some((entry) => entry.endsWith('server.ts'))) {
    throw new Error(`bundle-api: ${appDir} has no src/server.ts`);
  }
  await rm(outDir, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node the workspace supports (package.json engines); the images run Node 24.
    target: 'node22.13',
    // .mjs: the output runs as ESM whether or not a package.json sits next to it in the image.
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [externalizeNpmPackages],
  });
  // src/db/migrations-dir.ts resolves `./migrations` against import.meta.url: in the bundle that
  // is dist/, so the SQL files go to dist/migrations.
  const migrations = join(appDir, 'src', 'db', 'migrations');
  if (existsSync(migrations)) await cp(migrations, join(outDir, 'migrations'), { recursive: true });
  log(`bundle-api: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} -> ${outDir}`);
  return { outDir, entries };
}

// Run as a command (through pnpm's bin shim, hence realpath), not when imported by the tests.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleApi({ appDir: resolve(process.argv[2] ?? process.cwd()) }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
