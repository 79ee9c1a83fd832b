import type Provider from 'oidc-provider';
import {
  hasBackchannelLogout,
  sendLogoutToken,
  type LogoutDelivery,
  type ReportDelivery,
} from './backchannel';
import { findLiveIds, type StateStore } from './state-store';

/** What `endUserSessions` did, for the caller to assert on or print. */
export interface EndUserSessionsResult {
  readonly sub: string;
  /** IdP sessions (browsers) that were signed in as this user and are now gone. */
  readonly sessionsEnded: number;
  /** Grants revoked with every refresh token and code issued under them. */
  readonly grantsRevoked: number;
  /** One logout token per ended session and client with a back-channel URI, that arrived. */
  readonly delivered: readonly LogoutDelivery[];
  /** The ones that did not: reported, never thrown, so that the sessions stay ended. */
  readonly failed: readonly LogoutDelivery[];
}

export interface EndSessionsDeps {
  readonly provider: Provider;
  readonly store: StateStore;
  readonly now: () => number;
  readonly report: ReportDelivery;
}

type Client = InstanceType<Provider['Client']>;

/**
 * What oidc-provider's own logout revokes for a grant (lib/helpers/revoke.js), and the grant.
 * Says whether the grant was still there, so that the count means grants that stopped working.
 */
async function revokeGrant(provider: Provider, grantId: string): Promise<boolean> {
  const existed = (await provider.Grant.find(grantId)) !== undefined;
  await Promise.all([
    provider.AccessToken.revokeByGrantId(grantId),
    provider.RefreshToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    provider.Grant.adapter.destroy(grantId),
  ]);
  return existed;
}

/**
 * Ends every IdP session of one user, as Auth0 does for `DELETE /api/v2/users/{id}/sessions` or
 * a password change: each session is destroyed, the user's grants are revoked (refresh tokens
 * with offline_access outlive a session, so ending sessions alone would leave them working), and
 * each relying party with a back-channel URI gets one logout token per session, carrying that
 * session's `sid` and the user's `sub`.
 *
 * Tokens are posted after the sessions and grants are gone, so a receiver that is down or slow
 * delays nothing but its own report, and a crash half-way never leaves a session alive.
 */
export async function endUserSessions(
  deps: EndSessionsDeps,
  sub: string,
): Promise<EndUserSessionsResult> {
  const { provider, store, now } = deps;
  const toNotify: { client: Client; sid: string }[] = [];
  const grantIds = new Set<string>();
  let sessionsEnded = 0;

  for (const id of findLiveIds(store, 'Session', now(), (p) => p.accountId === sub)) {
    const session = await provider.Session.find(id);
    if (!session) continue;
    for (const [clientId, { sid, grantId }] of Object.entries(session.authorizations ?? {})) {
      if (grantId) grantIds.add(grantId);
      const client = await provider.Client.find(clientId);
      if (client && sid && hasBackchannelLogout(client)) toNotify.push({ client, sid });
    }
    await session.destroy();
    sessionsEnded += 1;
  }
  // Grants whose session already expired still hold live refresh tokens: they go too.
  for (const id of findLiveIds(store, 'Grant', now(), (p) => p.accountId === sub)) {
    grantIds.add(id);
  }
  let grantsRevoked = 0;
  for (const grantId of grantIds) if (await revokeGrant(provider, grantId)) grantsRevoked += 1;

  const deliveries = await Promise.all(
    toNotify.map(({ client, sid }) => sendLogoutToken(client, sub, sid)),
  );
  for (const delivery of deliveries) deps.report(delivery);
  return {
    sub,
    sessionsEnded,
    grantsRevoked,
    delivered: deliveries.filter((d) => d.ok),
    failed: deliveries.filter((d) => !d.ok),
  };
}
