/** What the runner asks the database host for: one database per API, in its own folder. */
export type HostRequest = readonly { readonly serviceName: string; readonly dataDir: string }[];

/** What the host answers once all are open: where each is served. */
export interface HostedDatabase {
  readonly serviceName: string;
  readonly port: number;
}

export interface HostReady {
  readonly ready: readonly HostedDatabase[];
}

export function isHostReady(message: unknown): message is HostReady {
  return (
    typeof message === 'object' && message !== null && Array.isArray((message as HostReady).ready)
  );
}
