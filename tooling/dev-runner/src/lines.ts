/**
 * Splits a child's output into lines and prefixes each with its service's name, padded so the
 * columns line up: `[orders-api ] …`. A partial line waits for its end (or for `flush`), so two
 * services writing at once never interleave inside one line.
 */
export function linePrefixer(
  name: string,
  width: number,
  write: (text: string) => void,
  /** Applied to each line before its prefix (the runner's: pino JSON made readable). */
  format: (line: string) => string = (line) => line,
): { push(chunk: string): void; flush(): void } {
  const prefix = `[${name.padEnd(width)}] `;
  let pending = '';
  return {
    push(chunk) {
      const text = pending + chunk;
      const lines = text.split('\n');
      pending = lines.pop()!;
      if (lines.length) write(lines.map((line) => `${prefix}${format(line)}\n`).join(''));
    },
    flush() {
      if (pending) write(`${prefix}${format(pending)}\n`);
      pending = '';
    },
  };
}
