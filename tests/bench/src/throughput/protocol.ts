/** What the bench driver and its server process say to each other over IPC. */
export interface ServerArgs {
  /** AUTH0_DOMAIN for the API: the local IdP the driver started. */
  readonly domain: string;
  /** The claims the unprotected app puts on every request instead of verifying a token. */
  readonly claims: { readonly sub: string; readonly scope: string };
  /**
   * Case (g): OTEL_* variables for the API's loader, and the server starts tracing from them as
   * an API's instrumentation entry does. Undefined: the SDK is never loaded.
   */
  readonly telemetry?: Readonly<Record<string, string>>;
}

export interface VerifierCounters {
  readonly cacheHits: number;
  readonly verified: number;
  readonly rejected: number;
  readonly rateLimited: number;
}

export type ServerMessage =
  | { readonly type: 'ready'; readonly protectedUrl: string; readonly unprotectedUrl: string }
  | {
      readonly type: 'stats';
      readonly verifier: VerifierCounters | null;
      /** process.cpuUsage(), user + system: what the server spent, whoever else used the core. */
      readonly cpuMicros: number;
    };

export type DriverMessage = { readonly type: 'stats' };
