/**
 * Adds an API to packages/auth-config/src/registry.ts as text, between the generator markers,
 * so the file stays hand-readable and the diff is one entry.
 */
export const endMarker = '  // generator:apis:end';

export interface NewApi {
  name: string;
  port: number;
  audience: string;
}

/** The next free 40xx port above every port in use. */
export function nextFreePort(used: readonly number[]): number {
  const candidates = used.filter((p) => p >= 4000 && p < 4100);
  let port = Math.max(4000, ...candidates) + 1;
  while (used.includes(port)) port += 1;
  if (port >= 4100) throw new Error('No free 40xx port is left for a new service.');
  return port;
}

/** `billing` → `Billing API`; `user-prefs` → `User Prefs API`. */
export function displayNameOf(name: string): string {
  return `${name
    .split('-')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ')} API`;
}

/** A registry key must be a valid identifier or a quoted string. */
function keyOf(name: string): string {
  return /^[a-z][a-z0-9]*$/.test(name) ? name : `'${name}'`;
}

export function addApiToRegistry(source: string, api: NewApi): string {
  if (!source.includes(endMarker)) {
    throw new Error(
      'registry.ts has no "// generator:apis:end" marker: cannot add the service safely.',
    );
  }
  const entry = [
    `  ${keyOf(api.name)}: {`,
    `    serviceName: '${api.name}-api',`,
    `    displayName: '${displayNameOf(api.name)}',`,
    `    port: ${api.port},`,
    `    audience: '${api.audience}',`,
    `    scopes: { read: 'read:${api.name}', write: 'write:${api.name}' },`,
    '  },',
  ].join('\n');
  return source.replace(endMarker, `${entry}\n${endMarker}`);
}
