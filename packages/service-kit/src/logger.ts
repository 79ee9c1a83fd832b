import { traceLogFields } from '@repo/telemetry';
import { pino, type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';

export type { Logger } from 'pino';

/** Anything that could carry a credential is censored before a log line is written. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

export interface LoggerOptions {
  readonly serviceName: string;
  readonly level: string;
  /** Where lines go; stdout when omitted. Tests pass a stream to read the lines back. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? stdoutDestination();
  const config: PinoOptions = {
    level: options.level,
    base: { service: options.serviceName },
    redact: { paths: redactedPaths, censor: '[Redacted]' },
    // Inside a traced request every line carries trace_id and span_id: from a line to its trace.
    mixin: traceLogFields,
    hooks: {
      // A warning or an error is written at once, not with the next batch: someone (or a test)
      // may be reading the log for it right after the request that caused it.
      logMethod(args, method, level) {
        method.apply(this, args);
        if (level >= warnLevel) (destination as { flush?: () => void }).flush?.();
      },
    },
  };
  return pino(config, destination);
}

const warnLevel = 40;

/**
 * Stdout, written in batches: lines collect until 4 kB (or 100 ms) and go out in one write, not
 * one system call per request (the largest single cost left in the request path's profile,
 * tests/bench/README.md). Warnings and errors are flushed at once (createLogger's hook), and pino
 * flushes what is pending on exit; a process killed outright (SIGKILL, OOM) loses at most the
 * last 100 ms of info lines.
 */
function stdoutDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 });
}

/**
 * A token in the query string is refused, but the refused request is still logged: its URL
 * must not carry the token into the log.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) {
    if (/token|code|secret|password/i.test(key)) params.set(key, '[Redacted]');
  }
  return `${url.slice(0, q)}?${params.toString()}`;
}
