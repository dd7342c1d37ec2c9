// IPv4 and IPv6 addresses and CIDR blocks, as bytes, for exact and prefix matching.
import { isIP } from 'node:net';

export interface ParsedNetwork {
  version: 4 | 6;
  bytes: Uint8Array;
  prefix: number;
}

function ipv4Bytes(address: string): Uint8Array {
  return Uint8Array.from(address.split('.').map(Number));
}

function ipv6Bytes(address: string): Uint8Array {
  let text = address.toLowerCase();
  const embedded = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (embedded) {
    const v4 = ipv4Bytes(embedded[1]!);
    text = text.slice(0, -embedded[1]!.length) + `${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? headGroups : [...headGroups, ...new Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

/** Parses `1.2.3.4`, `1.2.3.0/24`, `2001:db8::1`, `2001:db8::/32`; null when it is none of those. */
export function parseNetwork(value: string): ParsedNetwork | null {
  const [address = '', prefixText, extra] = value.trim().split('/');
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (version !== 4 && version !== 6) return null;
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return null;
  const bytes = version === 4 ? ipv4Bytes(address) : ipv6Bytes(address);
  // An IPv4 address written as IPv6 (::ffff:203.0.113.9) is the IPv4 address.
  if (version === 6 && prefix === 128 && bytes.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return { version: 4, bytes: bytes.slice(12), prefix: 32 };
  }
  return { version, bytes, prefix };
}

/** A key for the first `prefix` bits of an address of one family: equal keys, same network. */
export function networkKey(version: 4 | 6, bytes: Uint8Array, prefix: number): string {
  const whole = prefix >> 3;
  const rest = prefix & 7;
  let key = '';
  for (let i = 0; i < whole; i += 1) key += bytes[i]!.toString(16).padStart(2, '0');
  if (rest > 0) key += (bytes[whole]! & (0xff << (8 - rest)) & 0xff).toString(16).padStart(2, '0');
  return `v${version}:${prefix}/${key}`;
}
