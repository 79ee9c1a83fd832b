import type { LocalIdp } from '@repo/local-idp';

/** `size` distinct access tokens for Alice on the Orders API (each has its own jti). */
export async function mintPool(
  idp: Pick<LocalIdp, 'mintUserToken'>,
  size: number,
): Promise<string[]> {
  const tokens: string[] = [];
  // Batches let the signatures run on the thread pool side by side.
  for (let i = 0; i < size; i += 64) {
    const batch = Array.from({ length: Math.min(64, size - i) }, () =>
      idp.mintUserToken({ user: 'alice', api: 'orders' }),
    );
    tokens.push(...(await Promise.all(batch)));
  }
  if (new Set(tokens).size !== size) throw new Error('minted tokens are not all distinct');
  return tokens;
}
