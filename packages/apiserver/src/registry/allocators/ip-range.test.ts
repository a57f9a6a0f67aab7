// Address and port arithmetic for --service-cluster-ip-range and --service-node-port-range.
import { describe, expect, it } from 'vitest';
import { formatIpv4, offsetOf, parseIpv4, parseIpv4Cidr, parsePortRange } from './ip-range.js';

describe('parseIpv4 / formatIpv4', () => {
  it('round-trips dotted quads', () => {
    for (const ip of ['0.0.0.0', '10.96.0.1', '192.168.255.254', '255.255.255.255']) expect(formatIpv4(parseIpv4(ip) ?? -1)).toBe(ip);
    expect(parseIpv4('10.0.0.1')).toBe(167772161);
  });

  it('rejects what is not an IPv4 address', () => {
    for (const bad of ['256.0.0.1', '10.0.0', '10.0.0.0.1', 'fd00::1', ' 10.0.0.1', 'a.b.c.d', '']) expect(parseIpv4(bad)).toBeUndefined();
  });
});

describe('parseIpv4Cidr', () => {
  it('leaves out the network and broadcast addresses', () => {
    expect(parseIpv4Cidr('10.96.0.0/12')).toEqual({ cidr: '10.96.0.0/12', base: parseIpv4('10.96.0.1'), size: 2 ** 20 - 2 });
    expect(parseIpv4Cidr('192.168.1.0/30')).toEqual({ cidr: '192.168.1.0/30', base: parseIpv4('192.168.1.1'), size: 2 });
  });

  it('masks host bits, as Go\'s net.ParseCIDR does', () => {
    expect(parseIpv4Cidr('10.96.7.9/12').cidr).toBe('10.96.0.0/12');
  });

  it('refuses prefixes outside /8../30 and malformed ranges', () => {
    for (const bad of ['10.0.0.0/31', '10.0.0.0/7', '10.0.0.0', '10.0.0.0/x', 'fd00::/108', '300.0.0.0/24']) {
      expect(() => parseIpv4Cidr(bad)).toThrow(`invalid service IP range ${JSON.stringify(bad)}: want an IPv4 CIDR with a prefix between /8 and /30`);
    }
  });
});

describe('offsetOf', () => {
  const range = parseIpv4Cidr('10.0.0.0/24');

  it('counts from the first usable address', () => {
    expect(offsetOf(range, '10.0.0.1')).toBe(0);
    expect(offsetOf(range, '10.0.0.254')).toBe(253);
  });

  it('is undefined for the network and broadcast addresses, outsiders and garbage', () => {
    for (const ip of ['10.0.0.0', '10.0.0.255', '10.0.1.1', '9.255.255.255', 'None', '']) expect(offsetOf(range, ip)).toBeUndefined();
  });
});

describe('parsePortRange', () => {
  it('reads low-high inclusive', () => {
    expect(parsePortRange('30000-32767')).toEqual({ base: 30000, size: 2768 });
    expect(parsePortRange(' 80-80 ')).toEqual({ base: 80, size: 1 });
  });

  it('refuses reversed, out-of-bounds and malformed ranges', () => {
    for (const bad of ['32767-30000', '0-100', '1-65536', '30000', '30000-', 'a-b']) {
      expect(() => parsePortRange(bad)).toThrow(`invalid service node port range ${JSON.stringify(bad)}: want <low>-<high> within 1-65535`);
    }
  });
});
