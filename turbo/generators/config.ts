// `pnpm gen api-service [--args <name> [<callee>]]`: a new Auth0-protected API in one command.
// `pnpm gen api-call --args <caller> <callee>`: an API of the registry calls another as itself.
// The logic lives in @repo/generators (tested there); this file wires it into plop.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlopTypes } from '@turbo/gen';
import { apiNames, callsOf, serviceScopesOf } from '../../packages/auth-config/src/registry';
import type { ApiName } from '../../packages/auth-config/src/registry';
import {
  addApiToRegistry,
  addCallToRegistry,
  addContractExport,
  addDashboardCard,
  addWebClient,
  checkCall,
  checkServiceName,
  ensureServiceScope,
  serviceData,
} from '../../tooling/generators/src/index';

function existingNames(root: string): string[] {
  const folders = readdirSync(join(root, 'apps'))
    .filter((d) => d.endsWith('-api'))
    .map((d) => d.replace(/-api$/, ''));
  return [...new Set<string>([...apiNames, ...folders])];
}

/** The registry as the call checks see it: its API names and whom each already calls. */
const registryCalls = (extra: readonly string[] = []) => ({
  names: [...apiNames, ...extra],
  calls: (api: string) =>
    (apiNames as readonly string[]).includes(api)
      ? callsOf(api as ApiName).map((c) => c.callee)
      : [],
});

/**
 * Declares in registry.ts that `caller` calls `callee` as itself: the callee gets a read service
 * scope if it has none, the caller a `calls` entry granting it. Returns what it did, in words.
 */
function declareCall(root: string, caller: string, callee: string): string {
  const file = join(root, 'packages', 'auth-config', 'src', 'registry.ts');
  const existing = serviceScopesOf(callee as ApiName);
  const scoped = ensureServiceScope(readFileSync(file, 'utf8'), callee, existing);
  writeFileSync(file, addCallToRegistry(scoped.source, caller, callee, [scoped.scope]));
  return `registry: ${caller} calls ${callee} with ${scoped.scope}${existing.length ? '' : ` (new service scope of ${callee})`}`;
}

/** What to do after a call is declared: the code is the developer's; the wiring is done. */
const callNextSteps = (caller: string, callee: string) =>
  `next: guard a route of ${callee}-api with requireServiceScope(apis.${callee}.serviceScopes.read), and call it from ${caller}-api with serviceClientsFor(config).clients.${callee} (docs/adding-a-service.md, "Calling another service")`;

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
      {
        type: 'input',
        name: 'callee',
        message: 'The API it calls as itself, e.g. "profile" (empty for none):',
        // Asked only on a terminal: `--args billing` from a script means "calls nothing". A
        // boolean, not a function: plop refuses to bypass a prompt with a `when` function.
        when: Boolean(process.stdin.isTTY),
      },
    ],
    actions: (answers) => {
      const root = (answers as { turbo: { paths: { root: string } } }).turbo.paths.root;
      const check = checkServiceName(String(answers?.name ?? ''), existingNames(root));
      if (!check.ok) throw new Error(check.reason);
      const callee = String(answers?.callee ?? '').trim();
      if (callee !== '') {
        const call = checkCall(check.name, callee, registryCalls([check.name]));
        if (!call.ok) throw new Error(call.reason);
      }
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
        ...(callee === '' ? [] : [() => declareCall(root, data.name, callee)]),
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
        ...(callee === '' ? [] : [() => callNextSteps(data.name, callee)]),
      ];
    },
  });

  plop.setGenerator('api-call', {
    description:
      'An API of the registry calls another as itself (client credentials): registry, local IdP client, tenant grant, env',
    prompts: [
      { type: 'input', name: 'caller', message: 'The calling API (registry name, e.g. "orders"):' },
      { type: 'input', name: 'callee', message: 'The API it calls (e.g. "profile"):' },
    ],
    actions: (answers) => {
      const root = (answers as { turbo: { paths: { root: string } } }).turbo.paths.root;
      const call = checkCall(
        String(answers?.caller ?? ''),
        String(answers?.callee ?? ''),
        registryCalls(),
      );
      if (!call.ok) throw new Error(call.reason);
      return [
        () => declareCall(root, call.caller, call.callee),
        () =>
          run(root, [
            'exec',
            'prettier',
            '--write',
            '--log-level=warn',
            join('packages', 'auth-config', 'src', 'registry.ts'),
          ]),
        // The caller's .env.example gains its M2M credentials and the callee's URL; the tenant
        // its application and client grant. The local IdP reads the registry as it starts.
        () => run(root, ['--silent', '--filter', '@repo/auth-config', 'gen:env-examples']),
        () => run(root, ['--silent', '--filter', '@repo/deploy-tools', 'gen:auth0']),
        () => callNextSteps(call.caller, call.callee),
      ];
    },
  });
}
