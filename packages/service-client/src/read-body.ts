/** The body was larger than the caller is willing to read. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * The body as text, at most `maxBytes` of it, counted as it streams: a confused or hostile
 * upstream cannot make this process buffer megabytes. The caller's signal bounds the time.
 */
export async function readBody(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new BodyTooLargeError(`the answer declares ${declared} bytes, over ${maxBytes}`);
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.byteLength;
    // Leaving the loop by a throw cancels the stream (the async iterator's return()).
    if (size > maxBytes) throw new BodyTooLargeError(`the answer is over ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
