import * as oidc from 'openid-client';
import { localUserPassword, localWebClient } from '@repo/auth-config';
import { Agent } from './browserless';

export const callback = 'http://localhost:39999/auth/callback';

export function webClientConfig(issuer: string): Promise<oidc.Configuration> {
  return oidc.discovery(
    new URL(issuer),
    localWebClient.clientId,
    undefined,
    oidc.ClientSecretPost(localWebClient.clientSecret),
    {
      execute: [oidc.allowInsecureRequests],
    },
  );
}

/** A full code + PKCE login through the form, as a browser would do it. */
export async function loginAs(
  config: oidc.Configuration,
  user: string,
  params: Record<string, string>,
) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callback,
    scope: 'openid profile email offline_access',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...params,
  });
  const agent = new Agent();
  const { finalUrl } = await agent.follow(url.href, callback, {
    login: `${user}@example.com`,
    password: localUserPassword,
  });
  const tokens = await oidc.authorizationCodeGrant(config, new URL(finalUrl), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  return { tokens, agent };
}
