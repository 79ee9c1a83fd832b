/**
 * The environment the prune-build steps run in: only what pnpm, corepack and turbo need from
 * the machine, never the developer's AUTH0_* or DATABASE_URL, so the built app sees exactly the
 * variables a test gives it (as a container would).
 */
const passThrough = [
  'PATH',
  'HOME',
  'TMPDIR',
  'COREPACK_INTEGRITY_KEYS',
  'COREPACK_HOME',
  'XDG_DATA_HOME',
  'XDG_CACHE_HOME',
  // How this machine reaches the registry: its proxy and the CA that signs a TLS-intercepting
  // one (pnpm's frozen install still fetches metadata for its policy checks; without these it
  // fails with "self-signed certificate in certificate chain").
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
];

export function machineEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of passThrough) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  // The registry serves no corepack signatures (see .ci/run); turbo must not phone home in a test.
  env.COREPACK_INTEGRITY_KEYS ??= '0';
  env.TURBO_TELEMETRY_DISABLED = '1';
  env.TURBO_NO_UPDATE_NOTIFIER = '1';
  env.CI = 'true';
  return env;
}
