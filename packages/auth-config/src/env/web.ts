import type { IssuerUrls } from '../issuer';
import { localIdpDomain, localSessionSecret, localWebClient } from '../local-profile';
import {
  apiEnvPrefix,
  apiNames,
  apis,
  scopesOf,
  services,
  type ApiName,
  type Scope,
} from '../registry';
import {
  localDefault,
  readAuth0Domain,
  readRequired,
  readSecret,
  readUrl,
  type FieldContext,
} from './fields';
import { ProblemList } from './problems';
import { announceProfile, decideProfile, type IdpProfile, type Logger } from './profile';
import { processEnv, read, type EnvSource } from './source';

export interface WebApiTarget {
  readonly name: ApiName;
  /** Base URL the web server (and, through a prop, the browser) calls. */
  readonly url: string;
  readonly audience: string;
  readonly scopes: readonly Scope[];
}

export interface WebEnv {
  readonly app: 'web';
  readonly profile: IdpProfile;
  readonly production: boolean;
  readonly auth0: IssuerUrls & {
    readonly clientId: string;
    readonly clientSecret: string;
    /** Cookie encryption secret (AUTH0_SECRET). */
    readonly secret: string;
  };
  readonly appBaseUrl: string;
  readonly apis: Readonly<Record<ApiName, WebApiTarget>>;
}

export interface LoadOptions {
  readonly source?: EnvSource;
  readonly log?: Logger;
}

export const webEnvVariables = (): string[] => [
  'AUTH0_DOMAIN',
  'AUTH0_CLIENT_ID',
  'AUTH0_CLIENT_SECRET',
  'AUTH0_SECRET',
  'APP_BASE_URL',
  ...apiNames.flatMap((n) => [`${apiEnvPrefix(n)}_API_URL`, `${apiEnvPrefix(n)}_API_AUDIENCE`]),
];

/** The web app's configuration, or one EnvError listing every problem. */
export function loadWebEnv(options: LoadOptions = {}): WebEnv {
  const source = options.source ?? processEnv();
  const log = options.log ?? ((m: string) => console.warn(m));
  const decision = decideProfile(source);
  const problems = new ProblemList();
  const ctx: FieldContext = { source, problems, decision };

  const issuer = readAuth0Domain(ctx, localIdpDomain);
  const clientId = readRequired(ctx, 'AUTH0_CLIENT_ID', {
    fallback: localDefault(ctx, localWebClient.clientId),
    fix: 'copy the Client ID of your Regular Web Application from the Auth0 dashboard',
  });
  const clientSecret = readSecret(ctx, 'AUTH0_CLIENT_SECRET', {
    fallback: localDefault(ctx, localWebClient.clientSecret),
    minLength: 1,
    fix: 'copy the Client Secret of your Regular Web Application from the Auth0 dashboard',
  });
  const secret = readSecret(ctx, 'AUTH0_SECRET', {
    fallback: localDefault(ctx, localSessionSecret),
    minLength: 32,
    fix: 'generate one with `openssl rand -hex 32`',
  });
  const appBaseUrl = readUrl(ctx, 'APP_BASE_URL', {
    fallback: localDefault(ctx, `http://localhost:${services.web.port}`),
    fix: 'set it to the URL users open, e.g. APP_BASE_URL=https://app.example.com',
    httpsInProduction: true,
  });

  const targets = {} as Record<ApiName, WebApiTarget>;
  for (const name of apiNames) {
    const prefix = apiEnvPrefix(name);
    const url = readUrl(ctx, `${prefix}_API_URL`, {
      // APIs run on the registry's ports in dev, whichever IdP is used.
      fallback: decision.production ? undefined : `http://localhost:${apis[name].port}`,
      fix: `set ${prefix}_API_URL to the public base URL of ${apis[name].serviceName}`,
      httpsInProduction: true,
    });
    const audience = read(source, `${prefix}_API_AUDIENCE`) ?? apis[name].audience;
    targets[name] = { name, url: url ?? '', audience, scopes: scopesOf(name) };
  }

  problems.throwIfAny('web');
  announceProfile('web', decision, log);
  return Object.freeze({
    app: 'web',
    profile: decision.profile,
    production: decision.production,
    auth0: Object.freeze({
      ...issuer!,
      clientId: clientId!,
      clientSecret: clientSecret!,
      secret: secret!,
    }),
    appBaseUrl: appBaseUrl!,
    apis: Object.freeze(targets),
  });
}
