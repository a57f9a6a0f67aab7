import { describe, expect, it } from 'vitest';
import { apiserverSans, firstServiceIP } from './sans.js';

describe('apiserverSans', () => {
  it('lists the kubernetes Service names, localhost, the node and the service IP', () => {
    expect(apiserverSans({ nodeName: 'node-1', serviceIP: '10.96.0.1' })).toEqual({
      dnsNames: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost', 'node-1'],
      ipAddresses: ['127.0.0.1', '10.96.0.1'],
    });
  });

  it('puts an IP-shaped node name among the IPs, honours the DNS domain and de-duplicates', () => {
    const sans = apiserverSans({
      nodeName: '192.168.1.10',
      advertiseAddress: '192.168.1.10',
      dnsDomain: 'example.internal',
      extraDnsNames: ['localhost', 'api.example.com'],
      extraIPs: ['::1', '127.0.0.1'],
    });
    expect(sans.dnsNames).toContain('kubernetes.default.svc.example.internal');
    expect(sans.dnsNames).toContain('api.example.com');
    expect(sans.dnsNames.filter((d) => d === 'localhost')).toHaveLength(1);
    expect(sans.ipAddresses).toEqual(['127.0.0.1', '192.168.1.10', '::1']);
  });
});

describe('firstServiceIP', () => {
  it.each([
    ['10.96.0.0/12', '10.96.0.1'],
    ['10.96.5.7/12', '10.96.0.1'],
    ['172.20.0.0/16', '172.20.0.1'],
    ['192.168.0.0/30', '192.168.0.1'],
    ['fd00:10:96::/112', 'fd00:10:96::1'],
    ['2001:db8::ffff:0/120', '2001:db8::ffff:1'],
  ])('%s → %s', (cidr, ip) => {
    expect(firstServiceIP(cidr)).toBe(ip);
  });

  it.each(['10.96.0.0', '10.96.0.0/33', '10.96.0.0/31', '10.96.0.0/x', 'nope/12', '::/128', '10.0.0.0/8/1'])('rejects %s', (cidr) => {
    expect(() => firstServiceIP(cidr)).toThrow(/service CIDR/);
  });
});
