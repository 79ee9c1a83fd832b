/**
 * The environment each service of the E2E stack starts with: the few variables a process needs
 * to run, plus what the stack sets. Nothing else leaks in from the developer's shell (their own
 * AUTH0_DOMAIN, say), so the run is the same on every machine.
 */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG'] as const;
  const base: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key] !== undefined) base[key] = process.env[key];
  return { ...base, ...extra };
}
