/** What the driver tells the sample and the bare app (one JSON argv). */
export interface PeerArgs {
  readonly port: number;
  /** The issuer's base URL, for the sample's OIDC discovery (Auth0's sample uses issuerBaseURL). */
  readonly issuerBaseUrl: string;
  readonly audience: string;
}
