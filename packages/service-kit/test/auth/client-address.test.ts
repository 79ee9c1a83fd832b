import { describe, expect, it } from 'vitest';
import { clientKeyOfAddress } from '../../src/auth/client-address';

describe('clientKeyOfAddress', () => {
  it('keys IPv4 by the address, IPv4-mapped IPv6 as IPv4', () => {
    expect(clientKeyOfAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOfAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('keys IPv6 by its /64, whatever the interface part and however it is written', () => {
    const key = clientKeyOfAddress('2001:db8:abcd:12::1');
    expect(key).toBe('2001:db8:abcd:12::/64');
    expect(clientKeyOfAddress('2001:0db8:ABCD:0012:ffff:ffff:ffff:ffff')).toBe(key);
    expect(clientKeyOfAddress('2001:db8:abcd:12:1:2:3:4%eth0')).toBe(key);
    expect(clientKeyOfAddress('2001:db8:abcd:13::1')).not.toBe(key);
    expect(clientKeyOfAddress('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOfAddress('64:ff9b::1.2.3.4')).toBe('64:ff9b:0:0::/64');
  });
});
