// ControllerRefManager (B.4): a controller claims the objects its selector matches. Objects it
// controls but no longer selects are released; orphans it selects are adopted (after checking
// with a fresh GET that the owner is not being deleted). Objects controlled by others are left
// alone. Patches carry metadata.uid so they never touch a recreated object of the same name.
import type { KubeObject, LabelsSelector } from '@kubelite/api';
import { isNotFound, isInvalid, type ResourceClient } from '@kubelite/client';
import { cmError } from '../errors.js';
import { controllerRef, newControllerRef } from './pod-util.js';

export interface ClaimOptions<O extends KubeObject> {
  owner: O;
  ownerApiVersion: string;
  ownerKind: string;
  selector: LabelsSelector;
  /** the client for the claimed objects' resource */
  client: ResourceClient<KubeObject>;
  /** an uncached GET of the owner (adoption re-checks it is not being deleted) */
  fetchOwner: () => Promise<O>;
}

export async function claimObjects<T extends KubeObject, O extends KubeObject>(objs: readonly T[], o: ClaimOptions<O>): Promise<T[]> {
  const claimed: T[] = [];
  let ownerChecked: Promise<void> | undefined;
  const canAdopt = (): Promise<void> => (ownerChecked ??= recheckOwner(o));
  for (const obj of objs) {
    const ref = controllerRef(obj);
    const matches = o.selector.matches(obj.metadata.labels);
    if (ref) {
      if (ref.uid !== o.owner.metadata.uid) continue;
      if (matches) claimed.push(obj);
      else if (!o.owner.metadata.deletionTimestamp) await release(obj, o);
      continue;
    }
    if (!matches || o.owner.metadata.deletionTimestamp || obj.metadata.deletionTimestamp) continue;
    await canAdopt();
    const adopted = await adopt(obj, o);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

async function recheckOwner<O extends KubeObject>(o: ClaimOptions<O>): Promise<void> {
  const fresh = await o.fetchOwner();
  const m = o.owner.metadata;
  if (fresh.metadata.uid !== m.uid) throw cmError('OWNER_CHANGED', m.namespace ?? '', m.name ?? '', m.uid ?? '', fresh.metadata.uid ?? '');
  if (fresh.metadata.deletionTimestamp) throw cmError('OWNER_DELETED', m.namespace ?? '', m.name ?? '', fresh.metadata.deletionTimestamp);
}

async function adopt<T extends KubeObject, O extends KubeObject>(obj: T, o: ClaimOptions<O>): Promise<T | undefined> {
  const refs = [...(obj.metadata.ownerReferences ?? []), newControllerRef(o.owner, o.ownerApiVersion, o.ownerKind)];
  try {
    const patch = { metadata: { uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, ownerReferences: refs } };
    return (await o.client.namespace(obj.metadata.namespace ?? '').patch(obj.metadata.name ?? '', 'merge', patch)) as T;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function release<T extends KubeObject, O extends KubeObject>(obj: T, o: ClaimOptions<O>): Promise<void> {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== o.owner.metadata.uid);
  try {
    const patch = { metadata: { uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, ownerReferences: refs } };
    await o.client.namespace(obj.metadata.namespace ?? '').patch(obj.metadata.name ?? '', 'merge', patch);
  } catch (err) {
    if (isNotFound(err) || isInvalid(err)) return;
    throw err;
  }
}
