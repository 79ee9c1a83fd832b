import type { Catalog } from '@repo/api-contracts/orders';

/**
 * The bench's own catalog, with the shape and size of orders-api's GET /catalog answer: what the
 * servers that stand in for it (the shell's twin apps, Auth0's sample) send.
 */
export const catalogFixture: Catalog = {
  items: [
    { sku: 'TEE-BLK-M', name: 'T-shirt, black, M', priceCents: 1999, currency: 'USD' },
    { sku: 'MUG-WHT', name: 'Mug, white', priceCents: 1250, currency: 'USD' },
    { sku: 'STICKER-PACK', name: 'Sticker pack', priceCents: 499, currency: 'USD' },
    { sku: 'HOODIE-GRY-L', name: 'Hoodie, grey, L', priceCents: 4900, currency: 'USD' },
    { sku: 'CAP-NVY', name: 'Cap, navy', priceCents: 2200, currency: 'USD' },
  ],
};
