// The framework Handle the plugins see: the cache as a snapshot, namespace labels, the selectors
// of the Services/ReplicaSets/StatefulSets selecting a pod (system default spreading), the
// nominated pods, and the API for preemption victims.
import { labelSelectorAsSelector, labelSelectorFromSet, LabelsSelector, type KubeObject, type LabelSelector, type Labels, type Pod } from '@kubelite/api';
import { NAMESPACE_INDEX, rfc3339, type KubeClient, type Logger, type SharedIndexInformer } from '@kubelite/client';
import type { SchedulerCache } from './cache/cache.js';
import type { EventRecorder } from './events.js';
import type { Handle } from './framework/interface.js';
import { markedForPreemption, PREEMPTION_BY_SCHEDULER } from './plugins/default-preemption.js';
import type { NominatedPods } from './queue/nominator.js';

export interface SelectorSources {
  namespaces: SharedIndexInformer<KubeObject>;
  services: SharedIndexInformer<KubeObject & { spec?: { selector?: Record<string, string> } }>;
  replicaSets: SharedIndexInformer<KubeObject & { spec?: { selector?: LabelSelector } }>;
  statefulSets: SharedIndexInformer<KubeObject & { spec?: { selector?: LabelSelector } }>;
}

export interface HandleDeps {
  cache: SchedulerCache;
  sources: SelectorSources;
  nominator: NominatedPods;
  client: KubeClient;
  logger: Logger;
  events: EventRecorder;
}

export function newHandle({ cache, sources: src, nominator, client, logger, events }: HandleDeps): Handle {
  const inNamespace = <T extends KubeObject>(inf: SharedIndexInformer<T>, ns: string): T[] => inf.getIndexer().byIndex(NAMESPACE_INDEX, ns);
  return {
    nodes: () => cache.nodeList(),
    nodeInfo: (name) => cache.getNodeInfo(name),
    nominatedPodsForNode: (node) => nominator.nominatedPodsForNode(node),
    affinityNodes: () => cache.affinityNodes(),
    namespaceLabels: (ns: string): Labels | undefined => src.namespaces.getIndexer().getByKey(ns)?.metadata.labels,
    client,
    logger,
    defaultSpreadSelector(pod: Pod): LabelsSelector | undefined {
      const ns = pod.metadata.namespace ?? 'default';
      const labels = pod.metadata.labels ?? {};
      let reqs: LabelsSelector['requirements'][number][] = [];
      for (const svc of inNamespace(src.services, ns)) {
        const sel = svc.spec?.selector;
        if (!sel || Object.keys(sel).length === 0) continue;
        const s = labelSelectorFromSet(sel);
        if (s.matches(labels)) reqs = reqs.concat(s.requirements);
      }
      for (const owner of [...inNamespace(src.replicaSets, ns), ...inNamespace(src.statefulSets, ns)]) {
        try {
          const s = labelSelectorAsSelector(owner.spec?.selector);
          if (!s.empty() && s.matches(labels)) reqs = reqs.concat(s.requirements);
        } catch {
          // An invalid selector selects nothing.
        }
      }
      return reqs.length === 0 ? undefined : LabelsSelector.of(reqs);
    },
    async deletePod(victim: Pod, disruption: string, reason: string): Promise<void> {
      const pods = client.resource<Pod>('', 'v1', 'pods').namespace(victim.metadata.namespace ?? 'default');
      const name = victim.metadata.name ?? '';
      // The condition tells the victim's owner (and the preemptor's next attempt) why it goes.
      if (!markedForPreemption(victim)) {
        const condition = { type: 'DisruptionTarget', status: 'True', reason: PREEMPTION_BY_SCHEDULER, message: disruption, lastTransitionTime: rfc3339() };
        await pods.patch(name, 'strategic', { status: { conditions: [condition] } }, { subresource: 'status' });
      }
      await pods.delete(name, { preconditions: { uid: victim.metadata.uid } });
      events.record(victim, 'Normal', 'Preempted', 'Preempting', reason);
    },
  };
}
