// `--nodeport-addresses`: which local addresses nodePorts are open on. Upstream takes CIDRs and
// accepts connections on every local IP inside them; a CIDR that covers everything (0.0.0.0/0,
// ::/0) means the wildcard address. A bare IP is taken as a one-address CIDR. Empty means the
// --bind-address (0.0.0.0 by default).
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { proxyError } from './errors.js';

export interface NodePortCidr {
  text: string;
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

export function parseNodePortAddresses(values: readonly string[]): NodePortCidr[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map(parseCidr);
}

function parseCidr(text: string): NodePortCidr {
  const [address = '', prefixText, extra] = text.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) throw proxyError('BAD_NODEPORT_ADDRESS', text);
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) throw proxyError('BAD_NODEPORT_ADDRESS', text);
  if (!(prefix >= 0 && prefix <= max)) throw proxyError('BAD_NODEPORT_ADDRESS', text);
  return { text, address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The local interface addresses, as os.networkInterfaces() reports them. */
export type InterfaceLister = () => ReturnType<typeof networkInterfaces>;

/**
 * The addresses to listen on. A match-all CIDR gives the wildcard for its family; otherwise every
 * local IP inside one of the CIDRs (sorted, deduplicated).
 */
export function listenAddresses(cidrs: readonly NodePortCidr[], bindAddress: string, interfaces: InterfaceLister = networkInterfaces): string[] {
  if (cidrs.length === 0) return [bindAddress];
  const out = new Set<string>();
  const list = new BlockList();
  for (const c of cidrs) {
    if (c.prefix === 0) out.add(c.family === 'ipv4' ? '0.0.0.0' : '::');
    else list.addSubnet(c.address, c.prefix, c.family);
  }
  for (const addrs of Object.values(interfaces())) {
    for (const a of addrs ?? []) {
      const family = a.family === 'IPv4' ? 'ipv4' : 'ipv6';
      if (a.scopeid) continue; // link-local IPv6 needs a zone to be listened on
      if (out.has(family === 'ipv4' ? '0.0.0.0' : '::')) continue;
      if (list.check(a.address, family)) out.add(a.address);
    }
  }
  return [...out].sort();
}
