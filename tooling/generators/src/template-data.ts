import { allServices, apis } from '@repo/auth-config';
import { displayNameOf, nextFreePort } from './registry-edit';

/** Everything the templates and the edits need to know about a new service. */
export interface ServiceData {
  /** The slug, e.g. `billing`: registry key, scope suffix, contract module. */
  readonly name: string;
  /** `billing-api`: folder, package and service name. */
  readonly serviceName: string;
  readonly displayName: string;
  readonly port: number;
  readonly audience: string;
  /** `userPrefs` / `UserPrefs`, for identifiers. */
  readonly camelName: string;
  readonly pascalName: string;
  /** `user_prefs`: a database name in the docs. */
  readonly dbName: string;
}

/** New audiences sit next to the existing ones: the first API's origin, then `/<name>`. */
export function audienceFor(name: string): string {
  const first = Object.values(apis)[0];
  if (!first) throw new Error('The registry has no API to take the audience origin from.');
  return `${new URL(first.audience).origin}/${name}`;
}

export function serviceData(
  name: string,
  usedPorts: readonly number[] = allServices().map((s) => s.port),
): ServiceData {
  const words = name.split('-');
  const pascalName = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return {
    name,
    serviceName: `${name}-api`,
    displayName: displayNameOf(name),
    port: nextFreePort(usedPorts),
    audience: audienceFor(name),
    camelName: pascalName[0]!.toLowerCase() + pascalName.slice(1),
    pascalName,
    dbName: words.join('_'),
  };
}
