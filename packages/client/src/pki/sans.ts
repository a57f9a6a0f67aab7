// The names the apiserver's serving certificate must carry. Go's TLS (kubectl, client-go) checks
// only the subjectAltName, so every way a client reaches the apiserver needs an entry: in-cluster
// clients use the `kubernetes` Service (its DNS names and its ClusterIP, the first address of the
// service range), local tools use localhost/127.0.0.1, other nodes use the node's name.
import { isIP } from 'node:net';
import { pkiError } from './errors.js';

export interface ApiserverSanOptions {
  /** the control-plane node's name (an IP address here lands among the IPs) */
  nodeName?: string;
  /** the `kubernetes` Service's ClusterIP, e.g. 10.96.0.1; see firstServiceIP */
  serviceIP?: string;
  /** the address the apiserver advertises to other nodes, if not 127.0.0.1 */
  advertiseAddress?: string;
  /** default "cluster.local" */
  dnsDomain?: string;
  extraDnsNames?: readonly string[];
  extraIPs?: readonly string[];
}

export interface SubjectAltNames {
  dnsNames: string[];
  ipAddresses: string[];
}

/** kubeadm's apiserver SAN list, plus localhost and 127.0.0.1; duplicates removed, order kept. */
export function apiserverSans(opts: ApiserverSanOptions = {}): SubjectAltNames {
  const domain = opts.dnsDomain ?? 'cluster.local';
  const dns = new Set(['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', `kubernetes.default.svc.${domain}`, 'localhost']);
  const ips = new Set(['127.0.0.1']);
  const add = (name: string | undefined): void => {
    if (!name) return;
    (isIP(name) ? ips : dns).add(name);
  };
  add(opts.nodeName);
  add(opts.serviceIP);
  add(opts.advertiseAddress);
  for (const d of opts.extraDnsNames ?? []) dns.add(d);
  for (const ip of opts.extraIPs ?? []) ips.add(ip);
  return { dnsNames: [...dns], ipAddresses: [...ips] };
}

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(ip: string): bigint {
  // expand "::" to the missing zero groups; an embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups
  let text = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const n = ipv4ToBigInt(v4[1]);
    text = text.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function bigIntToIPv6(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // compress the longest run of zero groups (RFC 5952), as Go's net.IP.String does
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/**
 * The first usable address of a service CIDR ("10.96.0.0/12" → "10.96.0.1"): the ClusterIP the
 * apiserver gives the `kubernetes` Service, so it must be in the serving certificate.
 */
export function firstServiceIP(cidr: string): string {
  const bad = (): never => {
    throw pkiError('INVALID_NAME', '', 'service CIDR', cidr, 'an IPv4 or IPv6 CIDR such as 10.96.0.0/12');
  };
  const [addr = '', prefixText = '', ...rest] = cidr.split('/');
  const family = isIP(addr);
  const bits = family === 4 ? 32 : 128;
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  // a range with no room for a host address (/32, /31, /128, /127) cannot hold the Service's IP
  if (family === 0 || rest.length > 0 || !(prefix >= 0 && prefix <= bits - 2)) return bad();
  const value = family === 4 ? ipv4ToBigInt(addr) : ipv6ToBigInt(addr);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
  const first = (value & mask) + 1n;
  if (family === 6) return bigIntToIPv6(first);
  return [24n, 16n, 8n, 0n].map((s) => ((first >> s) & 0xffn).toString()).join('.');
}
