/**
 * The Content-Security-Policy of one HTML response. Scripts run only with this response's nonce
 * (Next.js adds it to its own scripts when it finds it in the request's CSP header); the browser
 * may call only this origin and the API origins (the CORS demo). Dev mode needs eval for React's
 * debugging tools and a websocket for hot reload.
 */
export function contentSecurityPolicy(input: {
  readonly nonce: string;
  readonly apiOrigins: readonly string[];
  readonly dev: boolean;
}): string {
  const scriptSrc = [
    "'self'",
    `'nonce-${input.nonce}'`,
    "'strict-dynamic'",
    ...(input.dev ? ["'unsafe-eval'"] : []),
  ];
  const connectSrc = ["'self'", ...input.apiOrigins, ...(input.dev ? ['ws:'] : [])];
  return [
    "default-src 'self'",
    `script-src ${scriptSrc.join(' ')}`,
    // Next.js injects style tags without a nonce in dev and for some built-in components.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    // Login and logout post or redirect to the IdP, which is another origin.
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * HSTS for an app served over https: browsers then refuse plain http to it for two years, so a
 * network attacker cannot strip TLS from the next visit. Nothing for http (dev, the local IdP).
 */
export function strictTransportSecurity(appBaseUrl: string): string | undefined {
  return new URL(appBaseUrl).protocol === 'https:'
    ? 'max-age=63072000; includeSubDomains'
    : undefined;
}
