/**
 * Wires a new API into the web app as text, between generator markers: its client into
 * serverApis() and its card into the dashboard, so the dashboard calls every registered API.
 */
import type { ServiceData } from './template-data';

export const clientsEndMarker = '// generator:clients:end';
export const cardsEndMarker = '{/* generator:cards:end */}';

const propertyOf = (name: string) => (/^[a-z][a-z0-9]*$/.test(name) ? name : `'${name}'`);
const accessOf = (name: string) => (/^[a-z][a-z0-9]*$/.test(name) ? `.${name}` : `['${name}']`);

function insertBefore(source: string, marker: string, text: string, file: string): string {
  const at = source.indexOf(marker);
  if (at < 0)
    throw new Error(`${file} has no "${marker}" marker: cannot wire the service in safely.`);
  const lineStart = source.lastIndexOf('\n', at) + 1;
  const indent = source.slice(lineStart, at);
  return `${source.slice(0, lineStart)}${indent}${text}\n${source.slice(lineStart)}`;
}

function addImport(source: string, line: string): string {
  if (source.includes(line)) return source;
  const imports = [...source.matchAll(/^import .*;$/gm)];
  const last = imports.at(-1);
  if (!last || last.index === undefined) return `${line}\n${source}`;
  const end = last.index + last[0].length;
  return `${source.slice(0, end)}\n${line}${source.slice(end)}`;
}

/** apps/web/src/lib/api/server-apis.ts: `billing: billingClient(httpFor('billing')),`. */
export function addWebClient(source: string, data: ServiceData): string {
  if (source.includes(`${data.camelName}Client(`))
    throw new Error(`serverApis() already has ${data.name}.`);
  const withImport = addImport(
    source,
    `import { ${data.camelName}Client } from './${data.name}-client';`,
  );
  return insertBefore(
    withImport,
    clientsEndMarker,
    `${propertyOf(data.name)}: ${data.camelName}Client(httpFor('${data.name}')),`,
    'server-apis.ts',
  );
}

/** apps/web/src/app/dashboard/cards.tsx: an ItemsCard for the new API. */
export function addDashboardCard(source: string, data: ServiceData): string {
  if (source.includes(`id="${data.name}"`))
    throw new Error(`The dashboard already has a card for ${data.name}.`);
  const withImport = source.includes('ItemsCard')
    ? source
    : source.replace(
        /import \{ ApiCard \} from '\.\/card';/,
        "import { ApiCard, ItemsCard } from './card';",
      );
  const card = `<ItemsCard id="${data.name}" title="${data.displayName}" load={() => apis${accessOf(data.name)}.listItems({ limit: 5 })} />`;
  return insertBefore(withImport, cardsEndMarker, card, 'cards.tsx');
}
