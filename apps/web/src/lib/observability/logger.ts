import { traceLogFields } from '@repo/telemetry';
import { pino, type Logger } from 'pino';
import PinoPretty from 'pino-pretty';
import { isDevServer } from '../runtime.env';

const key = Symbol.for('@repo/web.logger');
type WithLogger = typeof globalThis & { [key]?: Logger };

/**
 * Web's server log: pino JSON lines like the APIs', `service: web`, and inside a traced request
 * `trace_id` and `span_id` (from a line to its trace). Under `next dev` (`pnpm dev`) the same
 * lines human-readable, through pino-pretty in this process (a transport's worker thread does
 * not survive Next.js's bundling). One per process: Next.js loads the proxy, the pages and the
 * instrumentation hook as separate module graphs, hence the global.
 */
export function webLogger(): Logger {
  const holder = globalThis as WithLogger;
  if (holder[key]) return holder[key];
  const options = { base: { service: 'web' }, level: 'info', mixin: traceLogFields };
  // Decided by `next dev` itself, not by the env: the log must work when the env is invalid.
  const logger = isDevServer()
    ? pino(options, PinoPretty({ colorize: true, ignore: 'pid,hostname,service' }))
    : pino(options);
  holder[key] = logger;
  return logger;
}
