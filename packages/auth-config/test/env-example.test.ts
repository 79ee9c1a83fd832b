import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWorkspaceRoot } from '../src/data-dir';
import { envExamples, webEnvExample } from '../src/env-example';
import { apiEnvVariablesOf } from '../src/env/api';
import { apiNames, apis } from '../src/registry';
import { webEnvVariables } from '../src/env/web';

const root = findWorkspaceRoot(import.meta.dirname);

describe('.env.example files', () => {
  for (const example of envExamples()) {
    it(`${example.path} is what the registry generates (run gen:env-examples when this fails)`, () => {
      expect(readFileSync(join(root, example.path), 'utf8')).toBe(example.content);
    });
  }

  const named = (content: string) =>
    [...content.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);

  it("name every variable each app's loader reads", () => {
    expect(named(webEnvExample().content)).toEqual(expect.arrayContaining(webEnvVariables()));
    for (const name of apiNames) {
      const example = envExamples().find(
        (e) => e.path === `apps/${apis[name].serviceName}/.env.example`,
      )!;
      expect(named(example.content), example.path).toEqual(
        expect.arrayContaining(apiEnvVariablesOf(name)),
      );
    }
  });

  it("are all declared in turbo.json's dev passThroughEnv (strict env mode drops the others)", () => {
    const turbo = JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8')) as {
      globalEnv: string[];
      tasks: { dev: { passThroughEnv: string[] } };
    };
    const patterns = [...turbo.globalEnv, ...turbo.tasks.dev.passThroughEnv].map(
      (p) => new RegExp(`^${p.replace(/\*/g, '.*')}$`),
    );
    const read = [
      'USE_LOCAL_IDP',
      ...webEnvVariables(),
      ...apiNames.flatMap(apiEnvVariablesOf),
      ...envExamples().flatMap((e) => named(e.content)),
    ];
    expect(read.filter((v) => !patterns.some((p) => p.test(v!)))).toEqual([]);
  });
});
