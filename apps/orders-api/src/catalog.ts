import type { CatalogItem } from '@repo/api-contracts/orders';

/**
 * What can be ordered, and at what price. Prices live here, on the server: a client sends SKUs
 * and quantities only. One currency, so an order's total is a plain sum.
 */
export const currency = 'USD';

export const catalogItems: readonly CatalogItem[] = Object.freeze([
  { sku: 'TEE-BLK-M', name: 'T-shirt, black, M', priceCents: 1999, currency },
  { sku: 'MUG-WHT', name: 'Mug, white', priceCents: 1250, currency },
  { sku: 'STICKER-PACK', name: 'Sticker pack', priceCents: 499, currency },
  { sku: 'HOODIE-GRY-L', name: 'Hoodie, grey, L', priceCents: 4900, currency },
  { sku: 'CAP-NVY', name: 'Cap, navy', priceCents: 2200, currency },
]);

export interface Catalog {
  list(): readonly CatalogItem[];
  find(sku: string): CatalogItem | undefined;
}

/** A catalog over a fixed list; tests may pass their own items. */
export function createCatalog(items: readonly CatalogItem[] = catalogItems): Catalog {
  const bySku = new Map(items.map((item) => [item.sku, item]));
  return {
    list: () => items,
    find: (sku) => bySku.get(sku),
  };
}
