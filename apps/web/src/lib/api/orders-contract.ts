/** The orders shapes the web app reads and sends: the API's own contract, one source. */
export {
  cancellableStatus,
  catalogSchema,
  maxQuantity,
  minQuantity,
  orderListSchema,
  orderSchema,
  type CatalogItem,
  type CreateOrderRequest as CreateOrderInput,
  type Order,
  type OrderList,
} from '@repo/api-contracts/orders';
