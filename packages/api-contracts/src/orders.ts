// Owned by the orders-api issue: catalog, order, list and create schemas.
export {};
