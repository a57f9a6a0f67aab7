// A Deployment's revisions: its ReplicaSets (matched by selector and owned by it) keyed by
// the `deployment.kubernetes.io/revision` annotation, as `kubectl rollout history|undo` read them.
import { labelSelectorAsSelector, type Deployment, type PodTemplateSpec, type ReplicaSet } from '@kubelite/api';
import type { Session } from './session.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

export interface Revision {
  revision: number;
  rs: ReplicaSet;
  changeCause?: string;
}

export async function revisionsOf(session: Session, d: Deployment): Promise<Revision[]> {
  const rss = session.client.resource<ReplicaSet>('apps', 'v1', 'replicasets').namespace(d.metadata.namespace ?? session.namespace);
  const selector = labelSelectorAsSelector(d.spec.selector).toString();
  const list = await rss.listAll({ labelSelector: selector });
  const owned = list.items.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === d.metadata.uid));
  return owned
    .map((rs) => ({
      revision: Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '0'),
      rs,
      changeCause: rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION],
    }))
    .filter((r) => Number.isFinite(r.revision) && r.revision > 0)
    .sort((a, b) => a.revision - b.revision);
}

/** The ReplicaSet's template as a Deployment template: without the controller's hash label. */
export function templateOf(rs: ReplicaSet): PodTemplateSpec {
  const template = structuredClone(rs.spec.template ?? {});
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels } };
}
