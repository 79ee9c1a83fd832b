import { apiEnvPrefix, apiNames } from './registry';

/**
 * A variable name from the nextjs-auth0 v3 era (and the guides written for it) that v4 and
 * these apps never read. The loaders ignore unknown variables, so without this list a stale
 * `.env` looks configured while the app quietly uses a default.
 */
export interface LegacyEnvName {
  readonly name: string;
  /**
   * The apps in which the name is stale. AUTH0_AUDIENCE is an API's own variable, stale only in
   * web (which asks one audience per API); AUTH0_ISSUER_BASE_URL is stale wherever it appears.
   */
  readonly staleIn: readonly ('web' | 'api')[];
  /** What v4 reads instead; empty when nothing replaces it (the registry supplies the value). */
  readonly replacedBy: readonly string[];
  /** How the replacement differs, in a few words. */
  readonly note: string;
}

export const legacyEnvNames: readonly LegacyEnvName[] = [
  {
    name: 'AUTH0_ISSUER_BASE_URL',
    staleIn: ['web', 'api'],
    replacedBy: ['AUTH0_DOMAIN'],
    note: 'a bare domain, no https://',
  },
  {
    name: 'AUTH0_BASE_URL',
    staleIn: ['web'],
    replacedBy: ['APP_BASE_URL'],
    note: 'the same URL under its v4 name',
  },
  {
    name: 'NEXT_PUBLIC_APP_URL',
    staleIn: ['web'],
    replacedBy: ['APP_BASE_URL'],
    note: 'read by the server at run time, not inlined at build time',
  },
  {
    name: 'AUTH0_AUDIENCE',
    staleIn: ['web'],
    replacedBy: apiNames.map((n) => `${apiEnvPrefix(n)}_API_AUDIENCE`),
    note: "web asks one token per API, each with that API's audience from the registry",
  },
  {
    name: 'AUTH0_SCOPE',
    staleIn: ['web'],
    replacedBy: [],
    note: "the scopes come from the registry, each API's own",
  },
];
