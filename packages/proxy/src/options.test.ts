import { describe, expect, it } from 'vitest';
import { nodeName, parseDuration, parseHostPort, parseNonNegative } from './options.js';

describe('kube-proxy options', () => {
  it('parses ip:port bind addresses, filling the default port for a bare IP', () => {
    expect(parseHostPort('--healthz-bind-address', '0.0.0.0:10256', 1)).toEqual({ host: '0.0.0.0', port: 10256 });
    expect(parseHostPort('--healthz-bind-address', '127.0.0.1', 10256)).toEqual({ host: '127.0.0.1', port: 10256 });
    expect(parseHostPort('--healthz-bind-address', '[::1]:0', 1)).toEqual({ host: '::1', port: 0 });
    expect(parseHostPort('--healthz-bind-address', ':10249', 1)).toEqual({ host: '0.0.0.0', port: 10249 });
    expect(parseHostPort('--healthz-bind-address', '', 1)).toBeUndefined();
  });

  it.each(['localhost:80', '1.2.3.4:99999', '1.2.3.4:', 'nonsense'])('rejects bind address %j', (v) => {
    expect(() => parseHostPort('--metrics-bind-address', v, 1)).toThrow(`--metrics-bind-address: ${JSON.stringify(v)} is not <ip>[:<port>]`);
  });

  it('parses Go durations and numbers, naming the flag on error', () => {
    expect(parseDuration('--iptables-sync-period', '1m30s')).toBe(90_000);
    expect(() => parseDuration('--iptables-sync-period', 'soon')).toThrow('--iptables-sync-period: "soon" is not a duration');
    expect(parseNonNegative('--kube-api-qps', '2.5')).toBe(2.5);
    expect(() => parseNonNegative('--kube-api-qps', '-1')).toThrow('--kube-api-qps');
  });

  it('lower-cases the node name, from the override or the hostname', () => {
    expect(nodeName({ hostnameOverride: ' Node-A ' })).toBe('node-a');
    expect(nodeName({})).toMatch(/^[^A-Z]+$/);
  });
});
