// Types for bin/bundle-api.mjs (plain JavaScript on purpose; see its header), for TypeScript callers
// such as the bench.
import type { Plugin } from 'esbuild';

export declare const internalPackage: RegExp;
export declare const externalizeNpmPackages: Plugin;
export declare function bundleApi(options: {
  appDir: string;
  outDir?: string;
  log?: (line: string) => void;
}): Promise<{ outDir: string; entries: string[] }>;
