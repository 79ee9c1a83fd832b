/**
 * Names for the APIs the measurement generates: slugs the generator accepts (no reserved word,
 * no existing service), in a stable order so that two runs generate the same repos.
 */
const words = [
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliett',
  'kilo',
  'lima',
  'mike',
  'november',
  'oscar',
  'papa',
  'quebec',
  'romeo',
  'sierra',
  'tango',
  'uniform',
  'victor',
  'whiskey',
  'xray',
  'yankee',
  'zulu',
];

/** The first `count` names not already taken. */
export function extraApiNames(count: number, taken: readonly string[]): string[] {
  const names: string[] = [];
  for (let i = 0; names.length < count; i += 1) {
    const name = i < words.length ? words[i]! : `extra${i - words.length + 1}`;
    if (!taken.includes(name)) names.push(name);
  }
  return names;
}

/** `--apis 2,6,10` → [2, 6, 10], sorted, each at least 2 (orders and profile always exist). */
export function parseApiCounts(text: string, existing: number): number[] {
  const counts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  for (const n of counts) {
    if (!Number.isInteger(n) || n < existing)
      throw new Error(`--apis: "${text}" must list whole numbers of at least ${existing}`);
  }
  return [...new Set(counts)].sort((a, b) => a - b);
}
