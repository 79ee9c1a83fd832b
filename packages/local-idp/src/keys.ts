import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** A private RS256 signing key as a JWK, with its `kid`. */
export type SigningJwk = JWK & { kid: string; alg: 'RS256'; use: 'sig' };

export interface IdpSecrets {
  /** Newest first: the first key signs, the others are still published (rotation grace). */
  keys: SigningJwk[];
  /** oidc-provider's cookie signing keys. */
  cookieKeys: string[];
}

export async function generateSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

export async function freshSecrets(): Promise<IdpSecrets> {
  return {
    keys: [await generateSigningKey()],
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
}

/** The public half of a signing key, as published at /.well-known/jwks.json. */
export function publicJwk(key: SigningJwk): JWK {
  const { kid, kty, n, e, alg, use } = key;
  return { kid, kty, n, e, alg, use };
}

/**
 * Reads the dev keys from `file`, creating them when absent. `pnpm auth:token` and the running IdP
 * both call this, so the file is created exclusively (`wx`): if both start at once, one wins
 * and the other reads the winner's keys, and a token minted offline verifies against the IdP.
 */
export async function loadOrCreateSecrets(file: string): Promise<IdpSecrets> {
  const existing = readSecrets(file);
  if (existing) return existing;
  const secrets = await freshSecrets();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readSecrets(file);
    if (!winner)
      throw new Error(`local-idp: ${file} exists but holds no keys; delete it to start over`, {
        cause: error,
      });
    return winner;
  }
}

export function saveSecrets(file: string, secrets: IdpSecrets): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  // rename is atomic: a reader sees the old keys or the new ones, never half a file.
  renameSync(`${file}.tmp`, file);
}

function readSecrets(file: string): IdpSecrets | undefined {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(raw) as Partial<IdpSecrets>;
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) return undefined;
  return {
    keys: parsed.keys,
    cookieKeys: parsed.cookieKeys?.length
      ? parsed.cookieKeys
      : [randomBytes(32).toString('base64url')],
  };
}
