import { hkdfSync } from 'node:crypto';
import { jwtDecrypt } from 'jose';

/** nextjs-auth0's session cookie (its default name). */
export const sessionCookieName = '__session';

const keys = new Map<string, Uint8Array>();

/** The SDK's cookie key: HKDF-SHA256 of AUTH0_SECRET, no salt, info "JWE CEK", 32 bytes. */
function cookieKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync('sha256', secret, '', 'JWE CEK', 32));
    keys.set(secret, key);
  }
  return key;
}

/**
 * The session id a stateful session cookie holds (a JWE of `{ id }`, as nextjs-auth0's
 * StatefulSessionStore writes it), or undefined when there is none or it is not ours. The token
 * broker needs the id to keep tokens beside the session; the SDK keeps it to itself.
 */
export async function sessionIdOf(
  cookieValue: string | undefined,
  secret: string,
): Promise<string | undefined> {
  if (!cookieValue) return undefined;
  try {
    const { payload } = await jwtDecrypt(cookieValue, cookieKey(secret), {
      clockTolerance: 15,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    });
    return typeof payload.id === 'string' ? payload.id : undefined;
  } catch {
    return undefined;
  }
}
