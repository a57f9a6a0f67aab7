// NamespaceLifecycle: nothing is created in a namespace that does not exist or is being deleted,
// and the namespaces the system depends on cannot be deleted.
import { ApiError, failure, forbidden, notFound } from '../errors.js';
import { isStorageError, type ObjectStore, type StoredObject } from '../storage/index.js';
import type { AdmissionAttributes, AdmissionPlugin } from './types.js';

/** Namespaces Kubernetes refuses to delete. */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

const NAMESPACES_PREFIX = '/registry/namespaces/';

/** What the lookup needs of a watch cache (the namespaces' Cacher). */
export interface NamespaceCache {
  /** The object the cache holds at this exact key now; undefined if none (or not synced yet). */
  get(key: string): StoredObject | undefined;
}

const isNamespaceResource = (a: AdmissionAttributes): boolean => a.resource.group === '' && a.resource.resource === 'namespaces';

export class NamespaceLifecycle implements AdmissionPlugin {
  readonly name = 'NamespaceLifecycle';

  /**
   * `cache`, when given, answers from the namespaces' watch cache (no etcd round trip per create,
   * as upstream's informer lister); a namespace it does not know yet is looked up live.
   */
  constructor(
    private readonly store: ObjectStore,
    private readonly cache?: () => NamespaceCache | undefined,
  ) {}

  private async phaseOf(namespace: string): Promise<string | undefined> {
    const key = `${NAMESPACES_PREFIX}${namespace}`;
    const ns = this.cache?.()?.get(key) ?? (await this.store.get(key));
    return ((ns.status ?? {}) as { phase?: string }).phase;
  }

  async validate(a: AdmissionAttributes): Promise<void> {
    if (isNamespaceResource(a)) {
      if (a.operation === 'DELETE' && IMMORTAL_NAMESPACES.has(a.name)) {
        throw forbidden(`namespaces ${JSON.stringify(a.name)} is forbidden: this namespace may not be deleted`);
      }
      return;
    }
    if (a.operation !== 'CREATE' || !a.resource.namespaced || a.namespace === '') return;
    let phase: string | undefined;
    try {
      phase = await this.phaseOf(a.namespace);
    } catch (err) {
      if (isStorageError(err, 'NotFound')) throw notFound({ group: '', resource: 'namespaces' }, a.namespace);
      throw err;
    }
    if (phase === 'Terminating') {
      const gr = a.resource.group === '' ? a.resource.resource : `${a.resource.resource}.${a.resource.group}`;
      throw new ApiError(
        failure(403, 'Forbidden', `${gr} ${JSON.stringify(a.name)} is forbidden: unable to create new content in namespace ${a.namespace} because it is being terminated`, {
          name: a.name,
          kind: a.resource.resource,
          causes: [{ reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' }],
        }),
      );
    }
  }
}
