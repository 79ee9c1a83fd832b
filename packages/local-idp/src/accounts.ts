import { localUsers, localUserPassword, findLocalUser, type LocalUser } from '@repo/auth-config';

/** The OIDC claims of a seeded user, as Auth0 would put them in the ID token and /userinfo. */
export function userClaims(user: LocalUser): Record<string, unknown> {
  return {
    sub: user.sub,
    email: user.email,
    email_verified: true,
    name: user.name,
    nickname: user.username,
    updated_at: Math.floor(Date.UTC(2026, 0, 1) / 1000),
  };
}

export function userBySub(sub: string): LocalUser | undefined {
  return localUsers.find((u) => u.sub === sub);
}

/** Checks a login form submission; the password is shared by every seeded user, on purpose. */
export function authenticate(login: string, password: string): LocalUser | undefined {
  const user = findLocalUser(login);
  return user && password === localUserPassword ? user : undefined;
}
