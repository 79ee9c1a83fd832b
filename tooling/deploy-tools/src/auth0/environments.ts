import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { services } from '@repo/auth-config';

/** One Auth0 tenant per environment (Auth0's own advice); each knows where its web app lives. */
export interface Environment {
  readonly name: string;
  /** Every origin the web app is served from in this environment, e.g. https://app.example.com. */
  readonly webBaseUrls: readonly string[];
}

/** Hand-edited: the deployed environments and their web origins (nothing the registry knows). */
export const environmentsFile = 'infra/auth0/environments.json';

/**
 * A developer's own tenant, for trying the real Auth0 flow from `pnpm dev`: the web app on its
 * registry port. Derived, so it follows the registry.
 */
export function developmentEnvironment(): Environment {
  return { name: 'development', webBaseUrls: [`http://localhost:${services.web.port}`] };
}

function parseOrigin(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Error(`${where}: expected a URL string`);
  const url = new URL(value);
  if (url.origin !== value.replace(/\/$/, ''))
    throw new Error(`${where}: ${value} is not a bare origin (no path, query or fragment)`);
  if (url.protocol !== 'https:')
    throw new Error(
      `${where}: ${value} must be https (Auth0 refuses http callbacks outside localhost)`,
    );
  return url.origin;
}

/** Reads and checks environments.json; `development` is always first. */
export function loadEnvironments(repoRoot: string): Environment[] {
  const raw = JSON.parse(readFileSync(join(repoRoot, environmentsFile), 'utf8')) as Record<
    string,
    unknown
  >;
  const deployed = Object.entries(raw)
    .filter(([name]) => !name.startsWith('$'))
    .map(([name, value]): Environment => {
      if (!/^[a-z][a-z0-9-]*$/.test(name))
        throw new Error(
          `${environmentsFile}: environment name "${name}" must be lower-case kebab-case`,
        );
      const urls = (value as { webBaseUrls?: unknown }).webBaseUrls;
      if (!Array.isArray(urls) || urls.length === 0)
        throw new Error(`${environmentsFile}: ${name}.webBaseUrls must list at least one origin`);
      return {
        name,
        webBaseUrls: urls.map((u, i) =>
          parseOrigin(u, `${environmentsFile}: ${name}.webBaseUrls[${i}]`),
        ),
      };
    });
  return [developmentEnvironment(), ...deployed.filter((e) => e.name !== 'development')];
}
