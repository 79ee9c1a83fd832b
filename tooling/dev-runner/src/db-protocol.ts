/** What the runner asks the database host for: one database per API, in its own folder. */
export type HostRequest = readonly { readonly serviceName: string; readonly dataDir: string }[];

/** Where one database is served. */
export interface HostedDatabase {
  readonly serviceName: string;
  readonly port: number;
}

/**
 * The host sends one message per database as soon as it is open, so that its API starts while
 * the host opens the next one.
 */
export interface HostedMessage {
  readonly hosted: HostedDatabase;
}

export function isHostedMessage(message: unknown): message is HostedMessage {
  const hosted = (message as HostedMessage | null)?.hosted;
  return (
    typeof hosted === 'object' &&
    hosted !== null &&
    typeof hosted.serviceName === 'string' &&
    typeof hosted.port === 'number'
  );
}
