import { parseArgs } from 'node:util';
import type { ApiName, LocalUsername } from '@repo/auth-config';

export class TokenArgsError extends Error {}

const usage = 'usage: pnpm auth:token --user <user> --api <api> [--scope "read:x write:x"]';

/** Parses `pnpm auth:token`'s flags, naming every valid choice when one is wrong. */
export function parseTokenArgs(
  argv: string[],
  choices: { users: readonly string[]; apis: readonly string[] },
): { user: LocalUsername; api: ApiName; scope?: string } {
  let values: { user?: string; api?: string; scope?: string };
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: { user: { type: 'string' }, api: { type: 'string' }, scope: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new TokenArgsError(`${(error as Error).message}\n${usage}`);
  }
  const problems: string[] = [];
  if (!values.user || !choices.users.includes(values.user))
    problems.push(`--user must be one of: ${choices.users.join(', ')}`);
  if (!values.api || !choices.apis.includes(values.api))
    problems.push(`--api must be one of: ${choices.apis.join(', ')}`);
  if (problems.length) throw new TokenArgsError(`${problems.join('\n')}\n${usage}`);
  return {
    user: values.user as LocalUsername,
    api: values.api as ApiName,
    ...(values.scope !== undefined ? { scope: values.scope } : {}),
  };
}
