import { BlockList, isIP } from 'node:net';

/**
 * Addresses the gateway never fetches from on a client's behalf: loopback, private (RFC 1918, RFC 4193),
 * link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT, unspecified, multicast and
 * reserved ranges, and IPv4 mapped into IPv6.
 * @see https://www.iana.org/assignments/iana-ipv4-special-registry
 */
function createBlockList(): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3],
  ] as const) {
    list.addSubnet(network, prefix, 'ipv4');
  }
  for (const [network, prefix] of [
    ['::', 127],
    ['64:ff9b::', 96],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const) {
    list.addSubnet(network, prefix, 'ipv6');
  }
  return list;
}

const BLOCKED = createBlockList();

/** True for an address on the public internet; false for anything private, local or reserved. */
export function isPublicAddress(address: string): boolean {
  // IPv4 mapped into IPv6 (`::ffff:127.0.0.1`) is the IPv4 address; BlockList would match every IPv4
  // address against a mapped range, so it is unwrapped here instead.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return isPublicAddress(mapped[1]);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex?.[1] && hex[2]) {
    const high = Number.parseInt(hex[1], 16);
    const low = Number.parseInt(hex[2], 16);
    return isPublicAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  const family = isIP(address);
  if (family === 0) return false;
  return !BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
