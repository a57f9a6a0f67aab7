// IP checks EndpointSlice validation needs (ParseIPSloppy semantics: IPv4 octets may have
// leading zeros), with Kubernetes' messages for addresses that may not be endpoints.
import { isIPv6 } from 'node:net';
import { invalid, type FieldError } from '../../field.js';

const SLOPPY_V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The four octets of an IPv4 address (leading zeros allowed), else undefined. */
export function ipv4Octets(value: string): number[] | undefined {
  const m = SLOPPY_V4.exec(value);
  if (!m) return undefined;
  const octets = m.slice(1).map((x) => Number.parseInt(x, 10));
  return octets.every((o) => o <= 255) ? octets : undefined;
}

export function isValidIPv4(value: string): boolean {
  return ipv4Octets(value) !== undefined;
}

export function isValidIPv6(value: string): boolean {
  return isIPv6(value) && !value.includes('%');
}

function expandV6(value: string): number[] {
  const [head = '', tail] = value.split('::');
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  return [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

type Special = 'unspecified' | 'loopback' | 'linkLocal' | 'linkLocalMulticast';

function specialKind(value: string): Special | undefined {
  const v4 = ipv4Octets(value);
  if (v4) {
    const [a = 0, b = 0, c = 0] = v4;
    if (v4.every((o) => o === 0)) return 'unspecified';
    if (a === 127) return 'loopback';
    if (a === 169 && b === 254) return 'linkLocal';
    if (a === 224 && b === 0 && c === 0) return 'linkLocalMulticast';
    return undefined;
  }
  if (!isValidIPv6(value) || value.includes('.')) return undefined;
  const g = expandV6(value);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  if (((g[0] ?? 0) & 0xffc0) === 0xfe80) return 'linkLocal';
  if (((g[0] ?? 0) & 0xff0f) === 0xff02) return 'linkLocalMulticast';
  return undefined;
}

/** ValidateNonSpecialIP: endpoints may not point at unspecified, loopback or link-local addresses. */
export function validateNonSpecialIP(value: string, fld: string): FieldError[] {
  switch (specialKind(value)) {
    case 'unspecified':
      return [invalid(fld, value, `may not be unspecified (${value})`)];
    case 'loopback':
      return [invalid(fld, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
    case 'linkLocal':
      return [invalid(fld, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
    case 'linkLocalMulticast':
      return [invalid(fld, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
    default:
      return [];
  }
}
