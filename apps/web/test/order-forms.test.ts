import { describe, expect, it } from 'vitest';
import { orderIdOf } from '@/lib/order-forms';

const form = (orderId?: string) => {
  const data = new FormData();
  if (orderId !== undefined) data.set('orderId', orderId);
  return data;
};

describe('orderIdOf: what a cancel form may send to orders-api', () => {
  it('accepts an order id as the contract defines it', () => {
    expect(orderIdOf(form('0b7e2f4c-8a2d-4f5e-9c31-5d0b6f1e2a77'))).toBe(
      '0b7e2f4c-8a2d-4f5e-9c31-5d0b6f1e2a77',
    );
  });

  it.each([
    '',
    '../admin/orders',
    '0b7e2f4c-8a2d-4f5e-9c31-5d0b6f1e2a77/../../x',
    'x'.repeat(100_000),
    ' 0b7e2f4c-8a2d-4f5e-9c31-5d0b6f1e2a77',
  ])('refuses %j', (value) => {
    expect(orderIdOf(form(value))).toBeUndefined();
  });

  it('refuses a form without one', () => {
    expect(orderIdOf(form())).toBeUndefined();
  });
});
