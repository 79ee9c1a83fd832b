import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest and opaque index keys, both derived from AUTH0_SECRET (HKDF-SHA256, one key
 * per purpose): a dump of Redis or of the embedded store's file holds no token, no email and no
 * session id that a cookie could be forged from.
 */
export interface Sealer {
  /** AES-256-GCM of the JSON: `v1.<iv>.<tag>.<ciphertext>`, base64url. */
  seal(value: unknown): string;
  /** The value, or undefined when the text was sealed with another secret or tampered with. */
  open<T>(sealed: string): T | undefined;
  /** A keyed hash for store keys: the same input always gives the same key, nothing reverses it. */
  keyOf(...parts: string[]): string;
}

const derive = (secret: string, info: string) =>
  Buffer.from(hkdfSync('sha256', secret, 'repo/session-store', info, 32));

export function createSealer(secret: string): Sealer {
  const encryptionKey = derive(secret, 'encryption v1');
  const indexKey = derive(secret, 'index v1');
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open<T>(sealed: string) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) return undefined;
      try {
        const decipher = createDecipheriv(
          'aes-256-gcm',
          encryptionKey,
          Buffer.from(iv, 'base64url'),
        );
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const text = Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
        return JSON.parse(text) as T;
      } catch {
        return undefined;
      }
    },
    keyOf(...parts) {
      const mac = createHmac('sha256', indexKey);
      for (const part of parts) mac.update(part).update('\0');
      return mac.digest('base64url').slice(0, 32);
    },
  };
}
