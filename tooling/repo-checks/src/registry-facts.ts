import { apiNames, apis, type ApiName } from '@repo/auth-config';
import type { LayeringFacts } from './rules';

/** The registry's side of the layering rules: which app is which API, and whom it calls. */
export function registryFacts(): LayeringFacts {
  return {
    apiNames,
    apiOf: (packageName) =>
      apiNames.find((name) => `@repo/${apis[name].serviceName}` === packageName),
    callsOf: (api) => {
      const calls = (
        apis[api as ApiName] as { calls?: Readonly<Record<string, unknown>> } | undefined
      )?.calls;
      return calls ? Object.keys(calls) : [];
    },
  };
}
