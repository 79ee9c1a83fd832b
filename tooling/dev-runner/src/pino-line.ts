/** pino's numeric levels, as people read them. */
const levels: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Fields every line has, or that the prefix already says: not repeated after the message. */
const omitted = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'trace_flags']);

function show(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/**
 * One pino JSON line as a person reads it in `pnpm dev`: `INFO  request completed
 * req.method=GET … trace_id=…`. The APIs log JSON whoever runs them (a collector parses it);
 * only the dev runner's terminal gets this. Anything that is not a pino line passes unchanged.
 */
export function humanLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = levels[record.level as number];
  if (!level || typeof record.msg !== 'string') return line;
  const fields: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    else fields.push(`${path}=${show(value)}`);
  };
  for (const [key, value] of Object.entries(record)) if (!omitted.has(key)) walk(value, key);
  return [level.padEnd(5), record.msg, ...fields].join(' ');
}
