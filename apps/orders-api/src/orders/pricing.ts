import type { CreateOrderRequest, OrderLine } from '@repo/api-contracts/orders';
import { problems, type FieldError } from '@repo/service-kit';
import { currency, type Catalog } from '../catalog';

export interface PricedOrder {
  readonly items: OrderLine[];
  readonly totalCents: number;
  readonly currency: string;
}

/**
 * Prices a validated request from the catalog. Every unknown SKU is reported, as a 400 listing
 * the offending fields, the same shape as any other validation failure.
 */
export function priceOrder(request: CreateOrderRequest, catalog: Catalog): PricedOrder {
  const unknown: FieldError[] = [];
  const items: OrderLine[] = [];
  request.items.forEach(({ sku, quantity }, index) => {
    const product = catalog.find(sku);
    if (!product) {
      unknown.push({ path: `items.${index}.sku`, message: `unknown sku "${sku}"` });
      return;
    }
    items.push({
      sku,
      name: product.name,
      quantity,
      unitPriceCents: product.priceCents,
      lineTotalCents: product.priceCents * quantity,
    });
  });
  if (unknown.length > 0)
    throw problems.badRequest('The order names products that do not exist.', unknown);
  return { items, totalCents: items.reduce((sum, line) => sum + line.lineTotalCents, 0), currency };
}
