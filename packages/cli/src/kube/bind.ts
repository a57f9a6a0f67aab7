// A manifest bound to where it goes: its resource type from discovery, its namespace (the
// object's own, else -n / the context's), and a client for it.
import type { KubeObject, ResourceInfo } from '@kubelite/api';
import type { ResourceClient } from '@kubelite/client';
import { cliError } from './errors.js';
import type { Manifest } from './manifests.js';
import type { Session } from './session.js';
import { clientFor } from './targets.js';

export interface Bound {
  obj: KubeObject;
  info: ResourceInfo;
  name: string;
  namespace?: string;
  rc: ResourceClient;
  source: string;
}

export async function bindManifest(session: Session, m: Manifest): Promise<Bound> {
  const info = await session.resources().forKind(m.obj.apiVersion ?? '', m.obj.kind ?? '');
  const own = m.obj.metadata?.namespace;
  if (info.namespaced && own && session.explicitNamespace && own !== session.namespace) {
    throw cliError('NAMESPACE_MISMATCH', own, session.namespace);
  }
  const namespace = info.namespaced ? own || session.namespace : undefined;
  const metadata = { ...m.obj.metadata, ...(namespace ? { namespace } : {}) };
  const obj = { ...m.obj, metadata };
  return { obj, info, name: metadata.name ?? '', namespace, rc: clientFor(session, info, namespace ?? session.namespace), source: m.source };
}
