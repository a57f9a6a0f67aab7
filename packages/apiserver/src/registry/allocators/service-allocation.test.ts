// ClusterIP and NodePort allocation as a Service's create, update, delete and dry run drive it,
// with the 422 messages kube-apiserver gives for a refused address or port. Allocation state is
// read back from the stored RangeAllocation bitmaps, as another apiserver would see it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../errors.js';
import type { KObject } from '../strategy.js';
import { MemoryStore } from '../testing/memory-store.js';
import type { RangeAllocation } from './bitmap-range.js';
import { ServiceAllocator } from './service-allocation.js';

const IPS = '/registry/ranges/serviceips';
const PORTS = '/registry/ranges/servicenodeports';

let store: MemoryStore;
let alloc: ServiceAllocator;

beforeEach(async () => {
  store = new MemoryStore();
  // 254 usable addresses (random ones from offset 16 up) and three node ports.
  alloc = new ServiceAllocator({ store, serviceClusterIPRange: '10.0.0.0/24', serviceNodePortRange: '30000-30002' });
  await alloc.start();
});

afterEach(() => store.close());

interface Spec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: Array<{ port: number; nodePort?: number }>;
}

const svc = (name: string, spec: Spec): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });
const specOf = (s: KObject): Spec => s.spec as Spec;

async function used(key: string): Promise<number> {
  const bits = Buffer.from(((await store.get(key)) as RangeAllocation).data, 'base64');
  return [...bits].reduce((n, b) => n + [...Array(8).keys()].filter((i) => (b & (1 << i)) !== 0).length, 0);
}

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('allocation was not refused');
}

describe('ServiceAllocator', () => {
  it('creates both range objects, and names the kubernetes service\'s address', async () => {
    expect(await store.get(IPS)).toMatchObject({ kind: 'RangeAllocation', range: '10.0.0.0/24' });
    expect(await store.get(PORTS)).toMatchObject({ kind: 'RangeAllocation', range: '30000-30002' });
    expect(alloc.firstIP).toBe('10.0.0.1');
  });

  it('gives a ClusterIP service an address above the static band', async () => {
    const s = svc('web', { ports: [{ port: 80 }] });
    await alloc.beforeCreate(s, false);
    const ip = specOf(s).clusterIP ?? '';
    expect(Number(ip.split('.')[3])).toBeGreaterThan(16);
    expect(specOf(s)).toMatchObject({ clusterIPs: [ip], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(specOf(s).ports).toEqual([{ port: 80 }]);
    expect(await used(IPS)).toBe(1);
  });

  it('honours a requested free address, and keeps a requested ipFamilyPolicy', async () => {
    const s = svc('dns', { clusterIP: '10.0.0.10', ipFamilyPolicy: 'PreferDualStack' });
    await alloc.beforeCreate(s, false);
    expect(specOf(s)).toMatchObject({ clusterIP: '10.0.0.10', clusterIPs: ['10.0.0.10'], ipFamilyPolicy: 'PreferDualStack' });
  });

  it('refuses an address already in use with 422', async () => {
    await alloc.beforeCreate(svc('a', { clusterIP: '10.0.0.10' }), false);
    const e = await refusal(alloc.beforeCreate(svc('b', { clusterIP: '10.0.0.10' }), false));
    expect(e.code).toBe(422);
    expect(e.message).toBe('Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.10"}: failed to allocate IP 10.0.0.10: provided IP is already allocated');
  });

  it('refuses an address outside the range with 422', async () => {
    const e = await refusal(alloc.beforeCreate(svc('b', { clusterIP: '192.168.0.1' }), false));
    expect(e.message).toBe(
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.0.1"}: failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.0.0.0/24',
    );
    expect(await used(IPS)).toBe(0);
  });

  it('gives headless and ExternalName services no address', async () => {
    const headless = svc('h', { clusterIP: 'None', ports: [{ port: 80 }] });
    await alloc.beforeCreate(headless, false);
    expect(specOf(headless)).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] });
    const ext = svc('x', { type: 'ExternalName', ports: [{ port: 80, nodePort: 30001 }] });
    await alloc.beforeCreate(ext, false);
    expect(specOf(ext).clusterIP).toBeUndefined();
    expect(specOf(ext).ports).toEqual([{ port: 80 }]);
    expect(await used(IPS)).toBe(0);
    expect(await used(PORTS)).toBe(0);
  });

  it('gives each port of a NodePort or LoadBalancer service a node port', async () => {
    const np = svc('np', { type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] });
    await alloc.beforeCreate(np, false);
    const ports = (specOf(np).ports ?? []).map((p) => p.nodePort ?? 0);
    expect(new Set(ports).size).toBe(2);
    expect(ports.every((p) => p >= 30000 && p <= 30002)).toBe(true);
    const lb = svc('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] });
    await alloc.beforeCreate(lb, false);
    expect(await used(PORTS)).toBe(3);
  });

  it('drops node ports a ClusterIP service asks for', async () => {
    const s = svc('c', { ports: [{ port: 80, nodePort: 30001 }] });
    await alloc.beforeCreate(s, false);
    expect(specOf(s).ports).toEqual([{ port: 80 }]);
    expect(await used(PORTS)).toBe(0);
  });

  it('honours a requested node port and refuses it when taken or out of range', async () => {
    await alloc.beforeCreate(svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }), false);
    const taken = await refusal(alloc.beforeCreate(svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }), false));
    expect(taken.code).toBe(422);
    expect(taken.message).toBe('Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated');
    const outside = await refusal(alloc.beforeCreate(svc('c', { type: 'NodePort', ports: [{ port: 80 }, { port: 81, nodePort: 8080 }] }), false));
    expect(outside.message).toBe(
      'Service "c" is invalid: spec.ports[1].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-30002',
    );
  });

  it('refuses with 422 when the node port range is full', async () => {
    await alloc.beforeCreate(svc('a', { type: 'NodePort', ports: [{ port: 1 }, { port: 2 }, { port: 3 }] }), false);
    const e = await refusal(alloc.beforeCreate(svc('b', { type: 'NodePort', ports: [{ port: 80 }] }), false));
    expect(e.code).toBe(422);
    expect(e.message).toBe('Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 0: failed to allocate a nodePort: range is full');
  });

  it('gives back what a refused service had already taken', async () => {
    await alloc.beforeCreate(svc('a', { type: 'NodePort', clusterIP: '10.0.0.20', ports: [{ port: 80, nodePort: 30002 }] }), false);
    await refusal(alloc.beforeCreate(svc('b', { type: 'NodePort', ports: [{ port: 80 }, { port: 81, nodePort: 30002 }] }), false));
    expect(await used(IPS)).toBe(1);
    expect(await used(PORTS)).toBe(1);
  });

  it('undoes a create whose write then failed', async () => {
    const undo = await alloc.beforeCreate(svc('a', { type: 'NodePort', ports: [{ port: 80 }] }), false);
    expect(await used(IPS)).toBe(1);
    await undo();
    expect(await used(IPS)).toBe(0);
    expect(await used(PORTS)).toBe(0);
  });

  it('fills in values on a dry run but holds nothing afterwards', async () => {
    const dry = svc('a', { type: 'NodePort', clusterIP: '10.0.0.30', ports: [{ port: 80, nodePort: 30000 }] });
    await alloc.beforeCreate(dry, true);
    expect(specOf(dry)).toMatchObject({ clusterIP: '10.0.0.30', clusterIPs: ['10.0.0.30'], ports: [{ port: 80, nodePort: 30000 }] });
    expect(await used(IPS)).toBe(0);
    expect(await used(PORTS)).toBe(0);
    const real = svc('a', { type: 'NodePort', clusterIP: '10.0.0.30', ports: [{ port: 80, nodePort: 30000 }] });
    await alloc.beforeCreate(real, false);
    expect(specOf(real).clusterIP).toBe('10.0.0.30');
  });

  it('releases everything when the service is deleted', async () => {
    const s = svc('a', { type: 'NodePort', ports: [{ port: 80 }, { port: 81 }] });
    await alloc.beforeCreate(s, false);
    await alloc.afterDelete(s);
    expect(await used(IPS)).toBe(0);
    expect(await used(PORTS)).toBe(0);
  });
});

describe('ServiceAllocator on update', () => {
  async function created(spec: Spec): Promise<KObject> {
    const s = svc('web', spec);
    await alloc.beforeCreate(s, false);
    return s;
  }

  it('keeps the address and node ports a client left out (as kubectl apply leaves them)', async () => {
    const old = await created({ type: 'NodePort', ports: [{ port: 80 }] });
    const next = svc('web', { type: 'NodePort', ports: [{ port: 80 }] });
    await alloc.beforeUpdate(next, old, false);
    await alloc.afterUpdate(next, old);
    expect(specOf(next).clusterIP).toBe(specOf(old).clusterIP);
    expect(specOf(next).clusterIPs).toEqual(specOf(old).clusterIPs);
    expect(specOf(next).ports?.[0]?.nodePort).toBe(specOf(old).ports?.[0]?.nodePort);
    expect(await used(IPS)).toBe(1);
    expect(await used(PORTS)).toBe(1);
  });

  it('releases node ports when the type changes to ClusterIP', async () => {
    const old = await created({ type: 'NodePort', ports: [{ port: 80 }, { port: 81 }] });
    const next = svc('web', { type: 'ClusterIP', clusterIP: specOf(old).clusterIP ?? '', ports: [{ port: 80, nodePort: specOf(old).ports?.[0]?.nodePort ?? 0 }, { port: 81 }] });
    await alloc.beforeUpdate(next, old, false);
    await alloc.afterUpdate(next, old);
    expect(specOf(next).ports).toEqual([{ port: 80 }, { port: 81 }]);
    expect(await used(PORTS)).toBe(0);
    expect(await used(IPS)).toBe(1);
  });

  it('allocates node ports when the type changes to NodePort', async () => {
    const old = await created({ ports: [{ port: 80 }] });
    const next = svc('web', { type: 'NodePort', ports: [{ port: 80 }] });
    await alloc.beforeUpdate(next, old, false);
    await alloc.afterUpdate(next, old);
    expect(specOf(next).ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    expect(await used(PORTS)).toBe(1);
  });

  it('releases the address when the service becomes ExternalName', async () => {
    const old = await created({ ports: [{ port: 80 }] });
    const next = svc('web', { type: 'ExternalName', ports: [{ port: 80 }] });
    await alloc.beforeUpdate(next, old, false);
    await alloc.afterUpdate(next, old);
    expect(specOf(next).clusterIP).toBeUndefined();
    expect(await used(IPS)).toBe(0);
  });

  it('moves a node port the client changed, releasing the old one', async () => {
    const old = await created({ type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] });
    const next = svc('web', { type: 'NodePort', ports: [{ port: 80, nodePort: 30002 }] });
    await alloc.beforeUpdate(next, old, false);
    await alloc.afterUpdate(next, old);
    const other = svc('other', { type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] });
    await alloc.beforeCreate(other, false);
    expect(specOf(other).ports?.[0]?.nodePort).toBe(30000);
    await expect(alloc.beforeCreate(svc('x', { type: 'NodePort', ports: [{ port: 80, nodePort: 30002 }] }), false)).rejects.toBeInstanceOf(ApiError);
  });

  it('holds nothing new after a dry-run update', async () => {
    const old = await created({ ports: [{ port: 80 }] });
    const next = svc('web', { type: 'NodePort', ports: [{ port: 80 }, { port: 81 }] });
    await alloc.beforeUpdate(next, old, true);
    expect(specOf(next).ports?.every((p) => p.nodePort !== undefined)).toBe(true);
    expect(await used(PORTS)).toBe(0);
    expect(await used(IPS)).toBe(1);
  });
});
