// GENERATED from @repo/auth-config by `pnpm --filter @repo/deploy-tools gen:auth0`. Do not edit: change the registry and rerun.
//
// Post-login Action: Auth0 access tokens carry no email or name; the APIs read them from these
// namespaced claims (the local IdP adds the same ones in dev and tests).
const emailClaim = 'https://api.example.com/claims/email';
const nameClaim = 'https://api.example.com/claims/name';

/**
 * @param {{ user: { email?: string, name?: string } }} event
 * @param {{ accessToken: { setCustomClaim(name: string, value: unknown): void } }} api
 */
exports.onExecutePostLogin = async (event, api) => {
  if (event.user.email) api.accessToken.setCustomClaim(emailClaim, event.user.email);
  if (event.user.name) api.accessToken.setCustomClaim(nameClaim, event.user.name);
};
