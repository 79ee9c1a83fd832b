// `pnpm gen api-service [--args <name>]`: a new Auth0-protected API in one command.
// The logic lives in @repo/generators (tested there); this file wires it into plop.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlopTypes } from '@turbo/gen';
import { apiNames } from '../../packages/auth-config/src/registry';
import {
  addApiToRegistry,
  addContractExport,
  addDashboardCard,
  addWebClient,
  checkServiceName,
  serviceData,
} from '../../tooling/generators/src/index';

function existingNames(root: string): string[] {
  const folders = readdirSync(join(root, 'apps'))
    .filter((d) => d.endsWith('-api'))
    .map((d) => d.replace(/-api$/, ''));
  return [...new Set<string>([...apiNames, ...folders])];
}

/** Runs a workspace script; its output shows, and a failure stops the generator. */
function run(root: string, args: string[]): string {
  execFileSync('pnpm', args, { cwd: root, stdio: 'inherit' });
  return `pnpm ${args.join(' ')}`;
}

export default function generator(plop: PlopTypes.NodePlopAPI): void {
  plop.setGenerator('api-service', {
    description:
      'A new API service protected by Auth0: app, registry entry, contract, web client, Dockerfile, tenant config, compose and Kubernetes',
    prompts: [
      {
        type: 'input',
        name: 'name',
        message: 'Service name (a slug such as "billing"; the folder becomes apps/<name>-api):',
      },
    ],
    actions: (answers) => {
      const root = (answers as { turbo: { paths: { root: string } } }).turbo.paths.root;
      const check = checkServiceName(String(answers?.name ?? ''), existingNames(root));
      if (!check.ok) throw new Error(check.reason);
      const data = serviceData(check.name);
      const templates = 'templates';
      return [
        {
          type: 'addMany',
          destination: join(root, 'apps', data.serviceName),
          base: `${templates}/api-service`,
          templateFiles: `${templates}/api-service/**/*`,
          globOptions: { dot: true },
          stripExtensions: ['hbs'],
          data,
          abortOnFail: true,
        },
        {
          type: 'add',
          path: join(root, 'packages', 'api-contracts', 'src', `${data.name}.ts`),
          templateFile: `${templates}/contracts/contract.ts.hbs`,
          data,
          abortOnFail: true,
        },
        {
          type: 'add',
          path: join(root, 'apps', 'web', 'src', 'lib', 'api', `${data.name}-client.ts`),
          templateFile: `${templates}/web/client.ts.hbs`,
          data,
          abortOnFail: true,
        },
        () => {
          const file = join(root, 'packages', 'api-contracts', 'package.json');
          writeFileSync(file, addContractExport(readFileSync(file, 'utf8'), data.name));
          return `@repo/api-contracts exports ./${data.name}`;
        },
        () => {
          const file = join(root, 'packages', 'auth-config', 'src', 'registry.ts');
          writeFileSync(file, addApiToRegistry(readFileSync(file, 'utf8'), data));
          return `registry: ${data.name} on port ${data.port}, audience ${data.audience}, read:${data.name} write:${data.name}`;
        },
        () => {
          const file = join(root, 'apps', 'web', 'src', 'lib', 'api', 'server-apis.ts');
          writeFileSync(file, addWebClient(readFileSync(file, 'utf8'), data));
          const cards = join(root, 'apps', 'web', 'src', 'app', 'dashboard', 'cards.tsx');
          writeFileSync(cards, addDashboardCard(readFileSync(cards, 'utf8'), data));
          return `web: serverApis().${data.name} and a dashboard card`;
        },
        // What was written or edited above, in the repo's Prettier style (lint checks it).
        () =>
          run(root, [
            'exec',
            'prettier',
            '--write',
            '--log-level=warn',
            join('apps', data.serviceName),
            join('packages', 'api-contracts'),
            join('apps', 'web', 'src', 'lib', 'api'),
            join('apps', 'web', 'src', 'app', 'dashboard'),
            join('packages', 'auth-config', 'src', 'registry.ts'),
          ]),
        // Generated from the registry, which now has the new API: the .env.example files, its
        // Dockerfile, the Auth0 tenant, the compose stack and the Kubernetes manifests.
        () => run(root, ['--silent', '--filter', '@repo/auth-config', 'gen:env-examples']),
        () => run(root, ['--silent', '--filter', '@repo/deploy-tools', 'gen:dockerfiles']),
        () => run(root, ['--silent', '--filter', '@repo/deploy-tools', 'gen:auth0']),
        () => run(root, ['--silent', '--filter', '@repo/deploy-tools', 'gen:compose']),
        () => run(root, ['--silent', '--filter', '@repo/deploy-tools', 'gen:k8s']),
        () =>
          existsSync(join(root, 'apps', data.serviceName, 'package.json'))
            ? `done: run \`pnpm install\`, then \`pnpm dev\`; ${data.serviceName} listens on ${data.port}. Next steps: docs/adding-a-service.md`
            : 'the app folder is missing',
      ];
    },
  });
}
