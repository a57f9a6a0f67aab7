// NamespaceLifecycle: nothing is created in a namespace that does not exist or is being deleted,
// and the namespaces the system depends on cannot be deleted.
import { ApiError, failure, forbidden, notFound } from '../errors.js';
import { isStorageError, type ObjectStore } from '../storage/index.js';
import type { AdmissionAttributes, AdmissionPlugin } from './types.js';

/** Namespaces Kubernetes refuses to delete. */
export const IMMORTAL_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

const isNamespaceResource = (a: AdmissionAttributes): boolean => a.resource.group === '' && a.resource.resource === 'namespaces';

export class NamespaceLifecycle implements AdmissionPlugin {
  readonly name = 'NamespaceLifecycle';

  constructor(private readonly store: ObjectStore) {}

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
      const ns = await this.store.get(`/registry/namespaces/${a.namespace}`);
      phase = ((ns.status ?? {}) as { phase?: string }).phase;
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
