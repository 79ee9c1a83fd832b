import { localUsers, permissionsOf, localUserPassword } from '@repo/auth-config';

/** Escapes text for HTML element and attribute content. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const styles = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; display: grid; place-items: center; min-height: 100vh; background: Canvas; color: CanvasText; }
  main { width: min(28rem, 92vw); padding: 2rem; border: 1px solid GrayText; border-radius: 12px; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; }
  button { margin-top: 1.25rem; width: 100%; padding: .7rem; font-size: 1rem; font-weight: 600; cursor: pointer; }
  [role=alert] { border-left: 4px solid #c62828; padding: .5rem .75rem; background: color-mix(in srgb, #c62828 12%, Canvas); }
  table { width: 100%; border-collapse: collapse; font-size: .85rem; margin-top: .5rem; }
  th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid color-mix(in srgb, GrayText 40%, Canvas); }
  code { font-size: .85em; }
  .note { font-size: .85rem; color: GrayText; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Local IdP</title>
<style>${styles}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** The login form, with the seeded users listed: this IdP only ever runs in dev and tests. */
export function loginPage(input: {
  action: string;
  clientId: string;
  error?: string;
  login?: string;
}): string {
  const rows = localUsers
    .map(
      (u) =>
        `<tr><td><code>${escapeHtml(u.email)}</code></td><td>${escapeHtml(u.role)}</td><td>${escapeHtml(permissionsOf(u).join(' '))}</td></tr>`,
    )
    .join('\n');
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<p class="note">Local development IdP for <code>${escapeHtml(input.clientId)}</code>. Not Auth0: never use it with real accounts.</p>
${input.error ? `<p role="alert" id="login-error">${escapeHtml(input.error)}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}" autocomplete="off">
  <label for="login">Email or username</label>
  <input id="login" name="login" type="text" autocomplete="username" required autofocus value="${escapeHtml(input.login ?? '')}"${input.error ? ' aria-describedby="login-error" aria-invalid="true"' : ''}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Continue</button>
</form>
<details open>
<summary>Seeded users (password <code>${escapeHtml(localUserPassword)}</code>)</summary>
<table>
<thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Permissions</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</details>`,
  );
}

/**
 * oidc-provider's logout confirmation, submitted by itself: Auth0 does not ask "are you sure?",
 * so neither do we. The button is there for browsers without JavaScript.
 */
export function logoutPage(form: string): string {
  const confirmed = form.replace(
    '</form>',
    '<input type="hidden" name="logout" value="yes"></form>',
  );
  return page(
    'Signing out',
    `<h1>Signing out…</h1>
${confirmed}
<button type="submit" form="op.logoutForm">Continue</button>
<script>document.getElementById('op.logoutForm').submit()</script>`,
  );
}

export function loggedOutPage(): string {
  return page('Signed out', '<h1>You are signed out</h1><p>You can close this window.</p>');
}

export function errorPage(title: string, detail: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(detail)}</p>`);
}
