import { parseArgs } from 'node:util';
import type { ApiName, LocalUsername } from '@repo/auth-config';

export class TokenArgsError extends Error {}

const usage = [
  'usage: pnpm auth:token --user <user> --api <api> [--scope "read:x write:x"]',
  '       pnpm auth:token --service <calling api> --api <api>   (a client-credentials token)',
].join('\n');

export type TokenArgs =
  | { kind: 'user'; user: LocalUsername; api: ApiName; scope?: string }
  | { kind: 'service'; caller: ApiName; api: ApiName; scope?: string };

/**
 * Parses `pnpm auth:token`'s flags, naming every valid choice when one is wrong. `--user` asks
 * for a user's token, `--service` for a calling API's own (client credentials); the API must be
 * one the caller declares it calls.
 */
export function parseTokenArgs(
  argv: string[],
  choices: {
    users: readonly string[];
    apis: readonly string[];
    /** Each calling API and the APIs it declares it calls (registry `calls`). */
    callers: Readonly<Record<string, readonly string[]>>;
  },
): TokenArgs {
  let values: { user?: string; service?: string; api?: string; scope?: string };
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: {
        user: { type: 'string' },
        service: { type: 'string' },
        api: { type: 'string' },
        scope: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new TokenArgsError(`${(error as Error).message}\n${usage}`);
  }
  const problems: string[] = [];
  const scope = values.scope !== undefined ? { scope: values.scope } : {};
  if (values.service !== undefined) {
    if (values.user !== undefined) problems.push('give --user or --service, not both');
    const callees = choices.callers[values.service];
    if (!callees)
      problems.push(
        `--service must be an API that calls others: ${Object.keys(choices.callers).join(', ') || '(none in the registry)'}`,
      );
    else if (!values.api || !callees.includes(values.api))
      problems.push(`--api must be an API ${values.service} calls: ${callees.join(', ')}`);
    if (problems.length) throw new TokenArgsError(`${problems.join('\n')}\n${usage}`);
    return {
      kind: 'service',
      caller: values.service as ApiName,
      api: values.api as ApiName,
      ...scope,
    };
  }
  if (!values.user || !choices.users.includes(values.user))
    problems.push(`--user must be one of: ${choices.users.join(', ')}`);
  if (!values.api || !choices.apis.includes(values.api))
    problems.push(`--api must be one of: ${choices.apis.join(', ')}`);
  if (problems.length) throw new TokenArgsError(`${problems.join('\n')}\n${usage}`);
  return {
    kind: 'user',
    user: values.user as LocalUsername,
    api: values.api as ApiName,
    ...scope,
  };
}
