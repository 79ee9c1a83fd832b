import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { apiByAudience, localWebClient, permissionsOf, scopesOf } from '@repo/auth-config';
import { authenticate, userBySub } from './accounts';
import { errorPage, loginPage } from './pages';

async function readForm(req: IncomingMessage, limit = 16 * 1024): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

/**
 * Browsers apply form-action to the redirects that follow a submit as well: the login form's
 * POST ends in a redirect to the app's callback, which may be any localhost port, or one of
 * LOCAL_IDP_WEB_ORIGINS (without them here, Chromium silently cancels that last redirect).
 */
export function interactionPageCsp(webOrigins: readonly string[]): string {
  const targets = ["'self'", 'http://localhost:*', 'https://localhost:*', ...webOrigins];
  return `default-src 'none'; style-src 'unsafe-inline'; form-action ${targets.join(' ')}; frame-ancestors 'none'`;
}

function htmlSender(webOrigins: readonly string[]) {
  const csp = interactionPageCsp(webOrigins);
  return (res: ServerResponse, status: number, html: string): void => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': csp,
    });
    res.end(html);
  };
}

/**
 * Consent, as Auth0 gives it to a first-party app: automatic. The grant holds the requested
 * OpenID scopes and, for every requested API, the user's permissions; requested scopes the user
 * has no permission for are recorded as rejected, so they are dropped (RBAC) instead of
 * prompting again.
 */
async function grantConsent(
  provider: Provider,
  details: Awaited<ReturnType<Provider['interactionDetails']>>,
): Promise<string> {
  const accountId = details.session?.accountId;
  const user = accountId ? userBySub(accountId) : undefined;
  if (!user) throw new Error('consent without a signed-in local user');
  const clientId = String(details.params.client_id);
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId: user.sub, clientId });
  const requested = String(details.params.scope ?? '')
    .split(' ')
    .filter(Boolean);
  const oidcScopes = requested.filter((s) =>
    ['openid', 'profile', 'email', 'offline_access'].includes(s),
  );
  if (oidcScopes.length) grant.addOIDCScope(oidcScopes.join(' '));
  const resources = ([] as unknown[]).concat(details.params.resource ?? []).map(String);
  for (const resource of resources) {
    const api = apiByAudience(resource);
    if (!api) continue;
    const permitted: string[] = permissionsOf(user, api);
    const refused = scopesOf(api).filter((s) => !permitted.includes(s));
    if (permitted.length) grant.addResourceScope(resource, permitted.join(' '));
    if (refused.length) grant.rejectResourceScope(resource, refused.join(' '));
  }
  return grant.save();
}

/** Serves /interaction/:uid (the login form) and its submissions. */
export async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  webOrigins: readonly string[],
): Promise<void> {
  const sendHtml = htmlSender(webOrigins);
  const [, , uid, action] = path.split('/');
  const details = await provider.interactionDetails(req, res).catch(() => undefined);
  if (!details || details.uid !== uid) {
    sendHtml(
      res,
      400,
      errorPage(
        'Sign-in expired',
        'This sign-in attempt is no longer valid. Go back to the app and sign in again.',
      ),
    );
    return;
  }
  const clientId = String(details.params.client_id);
  const action_ = `/interaction/${uid}/login`;

  if (details.prompt.name === 'login') {
    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const login = form.get('login') ?? '';
      const user = authenticate(login, form.get('password') ?? '');
      if (!user) {
        sendHtml(
          res,
          401,
          loginPage({ action: action_, clientId, login, error: 'Wrong email or password.' }),
        );
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    sendHtml(res, 200, loginPage({ action: action_, clientId }));
    return;
  }

  if (details.prompt.name === 'consent') {
    if (clientId !== localWebClient.clientId) {
      await provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'consent is automatic only for the first-party web client',
      });
      return;
    }
    const grantId = await grantConsent(provider, details);
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
    return;
  }
  sendHtml(
    res,
    400,
    errorPage(
      'Unsupported prompt',
      `The local IdP cannot handle the "${details.prompt.name}" prompt.`,
    ),
  );
}
