// IPv4 CIDR arithmetic for the service IP range (`--service-cluster-ip-range`).

export interface Ipv4Range {
  cidr: string;
  /** First usable address (network + 1) as a number. */
  base: number;
  /** Usable addresses: the network and broadcast addresses are never handed out. */
  size: number;
}

export function parseIpv4(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => acc * 256 + o, 0);
}

export const formatIpv4 = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

export function parseIpv4Cidr(cidr: string): Ipv4Range {
  const [ip, bitsText] = cidr.split('/');
  const addr = parseIpv4(ip ?? '');
  const bits = Number(bitsText);
  if (addr === undefined || !Number.isInteger(bits) || bits < 8 || bits > 30) {
    throw new Error(`invalid service IP range ${JSON.stringify(cidr)}: want an IPv4 CIDR with a prefix between /8 and /30`);
  }
  const total = 2 ** (32 - bits);
  const network = addr - (addr % total);
  return { cidr: `${formatIpv4(network)}/${bits}`, base: network + 1, size: total - 2 };
}

/** Offset of `ip` in the range, or undefined when outside. */
export function offsetOf(range: Ipv4Range, ip: string): number | undefined {
  const n = parseIpv4(ip);
  if (n === undefined) return undefined;
  const off = n - range.base;
  return off >= 0 && off < range.size ? off : undefined;
}

export function parsePortRange(text: string): { base: number; size: number } {
  const m = /^(\d+)-(\d+)$/.exec(text.trim());
  const lo = Number(m?.[1]);
  const hi = Number(m?.[2]);
  if (!m || lo < 1 || hi > 65535 || hi < lo) {
    throw new Error(`invalid service node port range ${JSON.stringify(text)}: want <low>-<high> within 1-65535`);
  }
  return { base: lo, size: hi - lo + 1 };
}
