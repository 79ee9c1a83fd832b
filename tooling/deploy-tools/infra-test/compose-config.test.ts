/**
 * Debian's docker-compose 1.29 reads the generated compose.yaml, for the registry and for the
 * registry plus a generated service: `config -q` with placeholder env files made from the
 * committed examples. It parses YAML 1.1 and validates against the Compose Specification it ships.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findWorkspaceRoot } from '@repo/auth-config';
import { composeDir, composeFiles } from '../src/compose/files';
import { loadBaseImages } from '../src/stack/base-images';
import { registries } from '../test/registries';
import { toolsEnv } from './tools.env';
import { writeScratch } from './write-files';

const repoRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const dockerCompose = toolsEnv.dockerCompose();
const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function compose(dir: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(dockerCompose, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...toolsEnv.childEnv(), ...env },
  });
  if (result.error)
    throw new Error(
      `${dockerCompose} could not run (${result.error.message}): install it, e.g. apt-get install docker-compose`,
    );
  return result;
}

/** Each `NAME=` of an example, filled with a placeholder, written without `.example`. */
function placeholderEnvFiles(dir: string): void {
  for (const example of ['.env.example', ...readdirSync(join(dir, 'env')).map((f) => `env/${f}`)]) {
    if (!example.endsWith('.example')) continue;
    const text = readFileSync(join(dir, example), 'utf8').replace(
      /^([A-Z][A-Z0-9_]*)=$/gm,
      '$1=placeholder',
    );
    writeFileSync(join(dir, example.replace(/\.example$/, '')), text);
  }
}

describe('docker-compose 1.29', () => {
  it('is the version the generated file is written for', () => {
    expect(compose(repoRoot, ['version', '--short']).stdout.trim()).toMatch(/^1\.29\./);
  });
});

describe.each(registries)('docker-compose config of %s', async (_name, registry) => {
  const root = writeScratch(
    'compose-',
    await composeFiles(repoRoot, registry, loadBaseImages(repoRoot)),
  );
  scratch.push(root);
  const dir = join(root, composeDir);
  placeholderEnvFiles(dir);

  it('accepts compose.yaml, with and without the observability profile', () => {
    for (const args of [
      ['config', '-q'],
      ['--profile', 'observability', 'config', '-q'],
    ]) {
      const result = compose(dir, args);
      expect(result.stderr, args.join(' ')).toBe('');
      expect(result.status).toBe(0);
    }
    const services = compose(dir, [
      '--profile',
      'observability',
      'config',
      '--services',
    ]).stdout.split('\n');
    for (const api of Object.values(registry.apis))
      expect(services).toEqual(
        expect.arrayContaining([api.serviceName, `${api.serviceName}-migrate`]),
      );
  });

  it('refuses to start without a password (.env), naming the variable', () => {
    const env = join(dir, '.env');
    const full = readFileSync(env, 'utf8');
    writeFileSync(env, full.replace(/^POSTGRES_PASSWORD=.*$/m, ''));
    try {
      const result = compose(dir, ['config', '-q']);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/POSTGRES_PASSWORD/);
    } finally {
      writeFileSync(env, full);
    }
  });
});
