import type { NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isProxyError } from './errors.js';
import { listenAddresses, parseNodePortAddresses } from './node-addresses.js';

type Ifaces = ReturnType<typeof networkInterfaces>;
const iface = (address: string, family: 'IPv4' | 'IPv6', scopeid?: number): NetworkInterfaceInfo =>
  ({ address, family, netmask: '', mac: '00:00:00:00:00:00', internal: false, cidr: null, ...(scopeid === undefined ? {} : { scopeid }) }) as NetworkInterfaceInfo;
const fake = (): Ifaces => ({
  lo: [iface('127.0.0.1', 'IPv4'), iface('::1', 'IPv6', 0)],
  eth0: [iface('192.168.1.10', 'IPv4'), iface('fe80::1', 'IPv6', 2), iface('2001:db8::10', 'IPv6', 0)],
  eth1: [iface('10.1.2.3', 'IPv4')],
});

describe('--nodeport-addresses', () => {
  it('takes CIDRs and bare IPs, comma-separated or repeated', () => {
    expect(parseNodePortAddresses(['127.0.0.0/8,10.0.0.0/8', ' ::1 ']).map((c) => `${c.address}/${c.prefix}`)).toEqual(['127.0.0.0/8', '10.0.0.0/8', '::1/128']);
  });

  it.each(['bogus', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/8/1', '::/129', 'primary'])('rejects %j with a clear error', (v) => {
    let err: unknown;
    try {
      parseNodePortAddresses([v]);
    } catch (e) {
      err = e;
    }
    expect(isProxyError(err) && err.problem).toBe('BAD_NODEPORT_ADDRESS');
    expect((err as Error).message).toContain(JSON.stringify(v));
  });

  it('listens on the local addresses inside the CIDRs', () => {
    expect(listenAddresses(parseNodePortAddresses(['127.0.0.1']), '0.0.0.0', fake)).toEqual(['127.0.0.1']);
    expect(listenAddresses(parseNodePortAddresses(['10.0.0.0/8', '192.168.0.0/16']), '0.0.0.0', fake)).toEqual(['10.1.2.3', '192.168.1.10']);
    expect(listenAddresses(parseNodePortAddresses(['2001:db8::/32', 'fe80::/10']), '0.0.0.0', fake)).toEqual(['2001:db8::10']);
    expect(listenAddresses(parseNodePortAddresses(['172.16.0.0/12']), '0.0.0.0', fake)).toEqual([]);
  });

  it('uses the wildcard for a match-all CIDR and --bind-address when empty', () => {
    expect(listenAddresses(parseNodePortAddresses(['0.0.0.0/0']), '0.0.0.0', fake)).toEqual(['0.0.0.0']);
    expect(listenAddresses(parseNodePortAddresses(['0.0.0.0/0', '::/0']), '0.0.0.0', fake)).toEqual(['0.0.0.0', '::']);
    expect(listenAddresses([], '127.0.0.1', fake)).toEqual(['127.0.0.1']);
  });
});
