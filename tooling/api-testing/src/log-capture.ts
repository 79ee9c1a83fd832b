import { createLogger, type Logger } from '@repo/service-kit';

export interface CapturedLogs {
  readonly logger: Logger;
  /** Every line written so far, raw (JSON text). */
  lines(): string[];
}

/** A real pino logger whose lines are kept in memory, so a test can search them (e.g. for tokens). */
export function captureLogs(serviceName = 'test', level = 'trace'): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger({
    serviceName,
    level,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, lines: () => [...lines] };
}
