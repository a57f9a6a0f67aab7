import { describe, expect, it } from 'vitest';
import { RoundRobinBalancer, endpointId, type BalancerEndpoint } from './load-balancer.js';

const ep = (host: string, port = 80): BalancerEndpoint => ({ host, port });
const ids = (b: RoundRobinBalancer, client: string, n: number): string[] =>
  Array.from({ length: n }, () => {
    const e = b.pick(client);
    return e ? endpointId(e) : '-';
  });

describe('RoundRobinBalancer', () => {
  it('rotates over the endpoints in a stable order whatever order they are given in', () => {
    const b = new RoundRobinBalancer();
    b.setEndpoints([ep('10.0.0.3'), ep('10.0.0.1'), ep('10.0.0.2')]);
    expect(ids(b, 'c', 4)).toEqual(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80', '10.0.0.1:80']);
    // the same set in another order changes nothing, not even the position in the rotation
    b.setEndpoints([ep('10.0.0.2'), ep('10.0.0.3'), ep('10.0.0.1')]);
    expect(ids(b, 'c', 1)).toEqual(['10.0.0.2:80']);
  });

  it('has nothing to give without endpoints, and brackets IPv6 ids', () => {
    const b = new RoundRobinBalancer();
    expect(b.pick('c')).toBeUndefined();
    b.setEndpoints([ep('fd00::1', 8080)]);
    expect(ids(b, 'c', 1)).toEqual(['[fd00::1]:8080']);
    b.setEndpoints([]);
    expect(b.pick('c')).toBeUndefined();
  });

  it('keeps a client on its endpoint with affinity, until the timeout since its last use', () => {
    let now = 1_000_000;
    const b = new RoundRobinBalancer(() => now);
    b.setAffinityTimeout(10_000);
    b.setEndpoints([ep('10.0.0.1'), ep('10.0.0.2'), ep('10.0.0.3')]);
    expect(ids(b, 'x', 3)).toEqual(['10.0.0.1:80', '10.0.0.1:80', '10.0.0.1:80']);
    expect(ids(b, 'y', 2)).toEqual(['10.0.0.2:80', '10.0.0.2:80']);
    now += 9_000;
    expect(ids(b, 'x', 1)).toEqual(['10.0.0.1:80']); // used again: the timeout starts over
    now += 9_000;
    expect(ids(b, 'x', 1)).toEqual(['10.0.0.1:80']);
    now += 10_001;
    expect(ids(b, 'x', 1)).toEqual(['10.0.0.3:80']); // expired: next in the rotation
  });

  it('moves a client whose endpoint went away, or whose dial failed', () => {
    const b = new RoundRobinBalancer();
    b.setAffinityTimeout(60_000);
    b.setEndpoints([ep('10.0.0.1'), ep('10.0.0.2')]);
    expect(ids(b, 'x', 1)).toEqual(['10.0.0.1:80']);
    b.setEndpoints([ep('10.0.0.2'), ep('10.0.0.3')]);
    const moved = ids(b, 'x', 3);
    expect(moved[0]).not.toBe('10.0.0.1:80');
    expect(new Set(moved).size).toBe(1);
    b.resetAffinity('x');
    expect(ids(b, 'x', 1)[0]).not.toBe(moved[0]);
  });

  it('forgets every client when affinity is turned off', () => {
    const b = new RoundRobinBalancer();
    b.setAffinityTimeout(60_000);
    b.setEndpoints([ep('10.0.0.1'), ep('10.0.0.2')]);
    ids(b, 'x', 1);
    b.setAffinityTimeout(0);
    expect(ids(b, 'x', 2)).toEqual(['10.0.0.2:80', '10.0.0.1:80']);
  });
});
