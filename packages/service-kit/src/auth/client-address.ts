import { isIPv6 } from 'node:net';
import type { Request } from 'express';

/**
 * Who a request counts against for per-client limits: the client's address as Express resolved
 * it (`req.ip`, through `trust proxy`: TRUST_PROXY), IPv4-mapped IPv6 as plain IPv4, and any
 * other IPv6 address by its /64, since one host usually holds a whole /64 and could otherwise
 * rotate through 2^64 addresses.
 */
export function clientAddressOf(req: Request): string {
  return clientKeyOfAddress(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

export function clientKeyOfAddress(address: string): string {
  // Plain IPv4, the usual case, needs neither the regex nor the IPv6 parse.
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight hextets of an IPv6 address, `::` expanded, zone id dropped. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = (tail ? tail.split(':') : []).flatMap(ipv4AsHextets);
  const fill = Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => '0');
  return [...left.flatMap(ipv4AsHextets), ...(tail === undefined ? [] : fill), ...right].map((h) =>
    h.toLowerCase().replace(/^0+(?=.)/, ''),
  );
}

/** An embedded IPv4 tail (`64:ff9b::1.2.3.4`) is the last two hextets. */
function ipv4AsHextets(part: string): string[] {
  if (!part.includes('.')) return [part];
  const [a = 0, b = 0, c = 0, d = 0] = part.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
