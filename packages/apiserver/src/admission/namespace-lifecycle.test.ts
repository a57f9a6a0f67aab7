// NamespaceLifecycle: no new content in a namespace that is missing or terminating, and the
// system namespaces cannot be deleted — with the Status kubectl users see for each.
import { findResource, type ResourceInfo } from '@kubelite/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { MemoryStore } from '../registry/testing/memory-store.js';
import type { StoredObject } from '../storage/index.js';
import { IMMORTAL_NAMESPACES, NamespaceLifecycle } from './namespace-lifecycle.js';
import type { AdmissionAttributes, Operation } from './types.js';

const resource = (group: string, version: string, plural: string): ResourceInfo => {
  const r = findResource(group, version, plural);
  if (!r) throw new Error(`no resource ${plural}`);
  return r;
};
const PODS = resource('', 'v1', 'pods');
const DEPLOYMENTS = resource('apps', 'v1', 'deployments');
const NAMESPACES = resource('', 'v1', 'namespaces');
const NODES = resource('', 'v1', 'nodes');

const attrs = (operation: Operation, r: ResourceInfo, namespace: string, name: string, subresource = ''): AdmissionAttributes => ({
  operation, resource: r, subresource, namespace, name, user: { name: 'alice', uid: '', groups: [], extra: {} }, dryRun: false,
});

let store: MemoryStore;
let plugin: NamespaceLifecycle;

beforeEach(async () => {
  store = new MemoryStore();
  plugin = new NamespaceLifecycle(store);
  await store.create('/registry/namespaces/active', { metadata: { name: 'active' }, status: { phase: 'Active' } });
  await store.create('/registry/namespaces/going', { metadata: { name: 'going', deletionTimestamp: '2024-05-01T00:00:00Z' }, status: { phase: 'Terminating' } });
});

afterEach(() => store.close());

async function refusal(p: Promise<void>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('admitted');
}

describe('NamespaceLifecycle', () => {
  it('admits creation in an active namespace', async () => {
    await expect(plugin.validate(attrs('CREATE', PODS, 'active', 'web'))).resolves.toBeUndefined();
  });

  it('refuses creation in a namespace that does not exist with 404', async () => {
    const e = await refusal(plugin.validate(attrs('CREATE', PODS, 'missing', 'web')));
    expect([e.code, e.reason, e.message]).toEqual([404, 'NotFound', 'namespaces "missing" not found']);
    expect(e.status.details).toEqual({ name: 'missing', kind: 'namespaces' });
  });

  it('refuses creation in a terminating namespace with 403 and the NamespaceTerminating cause', async () => {
    const e = await refusal(plugin.validate(attrs('CREATE', PODS, 'going', 'web')));
    expect([e.code, e.reason]).toEqual([403, 'Forbidden']);
    expect(e.message).toBe('pods "web" is forbidden: unable to create new content in namespace going because it is being terminated');
    expect(e.status.details?.causes).toEqual([{ reason: 'NamespaceTerminating', message: 'namespace going is being terminated', field: 'metadata.namespace' }]);
    const d = await refusal(plugin.validate(attrs('CREATE', DEPLOYMENTS, 'going', 'api')));
    expect(d.message).toBe('deployments.apps "api" is forbidden: unable to create new content in namespace going because it is being terminated');
  });

  it('refuses subresource creation (binding, eviction) the same way', async () => {
    expect((await refusal(plugin.validate(attrs('CREATE', PODS, 'going', 'web', 'binding')))).code).toBe(403);
  });

  it('lets updates and deletes through in a terminating namespace, so controllers can clean up', async () => {
    await expect(plugin.validate(attrs('UPDATE', PODS, 'going', 'web'))).resolves.toBeUndefined();
    await expect(plugin.validate(attrs('DELETE', PODS, 'going', 'web'))).resolves.toBeUndefined();
    await expect(plugin.validate(attrs('DELETE', PODS, 'missing', 'web'))).resolves.toBeUndefined();
  });

  it('does not look at cluster-scoped objects', async () => {
    await expect(plugin.validate(attrs('CREATE', NODES, '', 'node-1'))).resolves.toBeUndefined();
  });

  it('refuses deleting an immortal namespace with 403', async () => {
    expect([...IMMORTAL_NAMESPACES].sort()).toEqual(['default', 'kube-public', 'kube-system']);
    for (const ns of IMMORTAL_NAMESPACES) {
      const e = await refusal(plugin.validate(attrs('DELETE', NAMESPACES, ns, ns)));
      expect([e.code, e.reason, e.message]).toEqual([403, 'Forbidden', `namespaces "${ns}" is forbidden: this namespace may not be deleted`]);
    }
  });

  it('exempts namespace objects themselves otherwise', async () => {
    await expect(plugin.validate(attrs('CREATE', NAMESPACES, 'brand-new', 'brand-new'))).resolves.toBeUndefined();
    await expect(plugin.validate(attrs('DELETE', NAMESPACES, 'active', 'active'))).resolves.toBeUndefined();
    await expect(plugin.validate(attrs('UPDATE', NAMESPACES, 'going', 'going', 'finalize'))).resolves.toBeUndefined();
    await expect(plugin.validate(attrs('UPDATE', NAMESPACES, 'default', 'default'))).resolves.toBeUndefined();
  });

  it('passes on store failures other than NotFound', async () => {
    class Unreachable extends MemoryStore {
      override async get(): Promise<never> {
        throw new Error('etcd down');
      }
    }
    const broken = new NamespaceLifecycle(new Unreachable());
    await expect(broken.validate(attrs('CREATE', PODS, 'active', 'web'))).rejects.toThrow('etcd down');
  });

  it('answers from the watch cache without reading etcd, and reads etcd for a namespace the cache lacks', async () => {
    let reads = 0;
    class Counting extends MemoryStore {
      override async get(key: string): Promise<StoredObject> {
        reads++;
        return super.get(key);
      }
    }
    const counting = new Counting();
    await counting.create('/registry/namespaces/fresh', { metadata: { name: 'fresh' }, status: { phase: 'Active' } });
    const cached = new Map<string, StoredObject>([
      ['/registry/namespaces/active', { metadata: { name: 'active', resourceVersion: '5' }, status: { phase: 'Active' } }],
      ['/registry/namespaces/going', { metadata: { name: 'going', resourceVersion: '6' }, status: { phase: 'Terminating' } }],
    ]);
    const withCache = new NamespaceLifecycle(counting, () => ({ get: (key) => cached.get(key) }));
    await expect(withCache.validate(attrs('CREATE', PODS, 'active', 'web'))).resolves.toBeUndefined();
    expect((await refusal(withCache.validate(attrs('CREATE', PODS, 'going', 'web')))).code).toBe(403);
    expect(reads).toBe(0);
    await expect(withCache.validate(attrs('CREATE', PODS, 'fresh', 'web'))).resolves.toBeUndefined();
    expect(reads).toBe(1);
    counting.close();
  });
});
