import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { apis, findWorkspaceRoot } from '@repo/auth-config';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { serviceData, type ServiceData } from '../src/template-data';

const root = findWorkspaceRoot(import.meta.dirname);
const templatesDir = join(root, 'turbo', 'generators', 'templates');
const serviceTemplates = join(templatesDir, 'api-service');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** As plop renders: Handlebars, here in strict mode so that an unknown variable fails. */
function render(file: string, data: ServiceData): string {
  return Handlebars.compile(readFileSync(file, 'utf8'), { strict: true })(data);
}

/**
 * The shell every API shares, byte for byte: the entry points' calls into service-kit/boot (env,
 * logger, database, migrations, the issuer wait) and the build configs. When one changes in orders-api and not in the templates (or
 * the other way round), this fails.
 */
const sharedShell = [
  'eslint.config.js',
  'tsconfig.json',
  'vitest.config.ts',
  'src/boot.ts',
  'src/migrate.ts',
  'src/wait-for-issuer.ts',
  'src/instrumentation.ts',
  'src/db/migrations-dir.ts',
];

describe('the api-service templates', () => {
  const dataOf = (name: 'orders' | 'profile'): ServiceData => ({
    ...serviceData(name, []),
    serviceName: apis[name].serviceName,
    displayName: apis[name].displayName,
  });
  const orders = dataOf('orders');

  for (const name of ['orders', 'profile'] as const) {
    for (const file of sharedShell) {
      it(`render apps/${apis[name].serviceName}/${file} exactly for "${name}"`, () => {
        const rendered = render(join(serviceTemplates, `${file}.hbs`), dataOf(name));
        expect(rendered).toBe(
          readFileSync(join(root, 'apps', apis[name].serviceName, file), 'utf8'),
        );
      });
    }
  }

  it('every other file of orders-api is either shell or its own resource, and package.json scripts match', () => {
    const generated = JSON.parse(
      render(join(serviceTemplates, 'package.json.hbs'), orders),
    ) as Record<string, unknown>;
    const real = JSON.parse(
      readFileSync(join(root, 'apps', 'orders-api', 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    // orders-api calls profile-api as itself (registry `calls`): that, and only that, adds the
    // service client to what every generated API depends on.
    const { '@repo/service-client': serviceClient, ...ordersOwn } = real.dependencies as Record<
      string,
      string
    >;
    expect(serviceClient).toBe('workspace:*');
    for (const key of ['type', 'exports', 'scripts', 'dependencies', 'devDependencies']) {
      expect(generated[key], key).toEqual(key === 'dependencies' ? ordersOwn : real[key]);
    }
  });

  it('render every template for a new service with no unknown variable and no leftover of orders', () => {
    const data = serviceData('billing', [3000, 4000, 4001, 4002]);
    const files = filesUnder(templatesDir);
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const text = render(file, data);
      expect(text, relative(templatesDir, file)).not.toMatch(/orders|\{\{/i);
    }
  });
});
