/**
 * `pnpm gen api-call --args <caller> <callee>` and the second argument of `pnpm gen api-service`:
 * the registry declares that one API calls another as itself. The edits are text, inside the two
 * registry entries, so the file stays hand-readable and the diff is two lines; everything else
 * (the IdP's M2M client, the tenant's application and grant, the caller's env) is regenerated
 * from the registry.
 */

/** What a caller is granted on a callee that has no service scope yet. */
export const defaultServiceScope = (callee: string) => `read:${callee}:service`;

export type CallCheck =
  { ok: true; caller: string; callee: string } | { ok: false; reason: string };

/**
 * A call the registry can take: both ends registered APIs, not the same one, not declared yet.
 * `calls` is what each API already declares (registry name → callee names).
 */
export function checkCall(
  rawCaller: string,
  rawCallee: string,
  registry: { readonly names: readonly string[]; readonly calls: (api: string) => string[] },
): CallCheck {
  const caller = rawCaller.trim();
  const callee = rawCallee.trim();
  const usage = 'e.g. `pnpm gen api-call --args orders profile` (orders calls profile)';
  if (caller === '' || callee === '')
    return { ok: false, reason: `Give the calling API and the API it calls, ${usage}.` };
  const names = registry.names.join(', ');
  for (const name of [caller, callee]) {
    if (!registry.names.includes(name))
      return {
        ok: false,
        reason: `"${name}" is not an API of the registry (${names}); use its registry name, without "-api".`,
      };
  }
  if (caller === callee) return { ok: false, reason: `An API does not call itself ("${caller}").` };
  if (registry.calls(caller).includes(callee))
    return { ok: false, reason: `${caller} already declares that it calls ${callee}.` };
  return { ok: true, caller, callee };
}

/** A registry key as written: `orders`, or `'user-prefs'` quoted. */
const keyOf = (name: string) => (/^[a-z][a-z0-9]*$/.test(name) ? name : `'${name}'`);

/** The lines of one registry entry: from `  <key>: {` to its `  },`. */
function entryLines(lines: readonly string[], name: string): { start: number; end: number } {
  const start = lines.findIndex((line) => line === `  ${keyOf(name)}: {`);
  if (start < 0) throw new Error(`registry.ts has no entry "${name}": cannot edit it safely.`);
  const end = lines.findIndex((line, i) => i > start && line === '  },');
  if (end < 0) throw new Error(`registry.ts: the entry "${name}" does not end with "  },".`);
  return { start, end };
}

/** The index just after the `{` that opens at `open`, to its matching `}`. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}' && (depth -= 1) === 0) return i;
  }
  throw new Error('registry.ts: unbalanced braces in a `calls` object.');
}

/**
 * `caller` now calls `callee` with `scopes`: adds the key to its `calls` object, or a `calls`
 * line when it has none.
 */
export function addCallToRegistry(
  source: string,
  caller: string,
  callee: string,
  scopes: readonly string[],
): string {
  const lines = source.split('\n');
  const { start, end } = entryLines(lines, caller);
  const value = `${keyOf(callee)}: [${scopes.map((s) => `'${s}'`).join(', ')}]`;
  const entry = lines.slice(start, end).join('\n');
  const at = entry.indexOf('\n    calls: {');
  if (at < 0) {
    lines.splice(end, 0, `    calls: { ${value} },`);
    return lines.join('\n');
  }
  const open = entry.indexOf('{', at);
  const close = matchingBrace(entry, open);
  const inside = entry.slice(open + 1, close).trimEnd();
  const separator = inside.endsWith(',') || inside.trim() === '' ? ' ' : ', ';
  const edited = `${entry.slice(0, open + 1)}${inside}${separator}${value} ${entry.slice(close)}`;
  return [...lines.slice(0, start), ...edited.split('\n'), ...lines.slice(end)].join('\n');
}

/**
 * Gives `callee` a read service scope when it has no service scope yet, and returns the scope
 * a caller is granted there (its existing read service scope, or the new one).
 */
export function ensureServiceScope(
  source: string,
  callee: string,
  existing: readonly string[],
): { source: string; scope: string } {
  const readScope = existing.find((s) => s.startsWith('read:'));
  if (readScope) return { source, scope: readScope };
  if (existing.length > 0) return { source, scope: existing[0]! };
  const lines = source.split('\n');
  const { start, end } = entryLines(lines, callee);
  if (lines.slice(start, end).some((line) => line.startsWith('    serviceScopes:')))
    throw new Error(`registry.ts: "${callee}" has service scopes the registry does not show.`);
  const scope = defaultServiceScope(callee);
  lines.splice(end, 0, `    serviceScopes: { read: '${scope}' },`);
  return { source: lines.join('\n'), scope };
}
