// What `describe` shows per kind: Pod, Deployment, Node, Service, and a generic fallback
// (metadata plus the object's spec/status as YAML) for everything else.
import type { Deployment, KubeObject, Node, Pod, Service } from '@kubelite/api';
import { stringify } from 'yaml';
import { fields, mapLines, type Field } from './describe-text.js';

const meta = (o: KubeObject, namespaced: boolean): Field[] => [
  ['Name', o.metadata.name ?? ''],
  ...(namespaced ? [['Namespace', o.metadata.namespace ?? ''] as Field] : []),
  ['Labels', mapLines(o.metadata.labels)],
  ['Annotations', mapLines(o.metadata.annotations, ': ')],
  ['CreationTimestamp', o.metadata.creationTimestamp ? new Date(o.metadata.creationTimestamp).toUTCString() : '<unknown>'],
];

export function describePod(p: Pod): string {
  const s = p.status ?? {};
  let out = fields([
    ['Name', p.metadata.name ?? ''],
    ['Namespace', p.metadata.namespace ?? ''],
    ['Priority', String(p.spec?.priority ?? 0)],
    ['Node', p.spec?.nodeName ? `${p.spec.nodeName}/${s.hostIP ?? ''}` : '<none>'],
    ['Start Time', s.startTime ? new Date(s.startTime).toUTCString() : '<unset>'],
    ['Labels', mapLines(p.metadata.labels)],
    ['Annotations', mapLines(p.metadata.annotations, ': ')],
    ['Status', p.metadata.deletionTimestamp ? 'Terminating' : s.phase ?? 'Unknown'],
    ['IP', s.podIP ?? ''],
    ['Controlled By', (p.metadata.ownerReferences ?? []).filter((o) => o.controller).map((o) => `${o.kind}/${o.name}`)],
  ]);
  out += 'Containers:\n';
  for (const c of p.spec?.containers ?? []) {
    const st = s.containerStatuses?.find((x) => x.name === c.name);
    const state = st?.state?.running ? 'Running' : st?.state?.waiting ? 'Waiting' : st?.state?.terminated ? 'Terminated' : 'Waiting';
    const reason = st?.state?.waiting?.reason ?? st?.state?.terminated?.reason;
    out += `  ${c.name}:\n`;
    out += fields(
      [
        ['Container ID', st?.containerID ?? ''],
        ['Image', c.image ?? ''],
        ['Command', c.command ?? []],
        ['Args', c.args ?? []],
        ['State', reason ? [state, `  Reason:  ${reason}`] : state],
        ['Ready', String(st?.ready ?? false)],
        ['Restart Count', String(st?.restartCount ?? 0)],
      ],
      '    ',
    );
  }
  out += 'Conditions:\n';
  out += fields([['Type', 'Status'] as Field, ...(s.conditions ?? []).map((c): Field => [c.type, c.status])], '  ').replace(/^( +\S+):/gm, '$1 ');
  out += fields([['Node-Selectors', mapLines(p.spec?.nodeSelector)], ['Tolerations', (p.spec?.tolerations ?? []).map((t) => `${t.key ?? ''}${t.operator === 'Exists' ? '' : `=${t.value ?? ''}`}:${t.effect ?? ''}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}`)]]);
  return out;
}

export function describeDeployment(d: Deployment, replicaSets: { old: string[]; current: string }): string {
  const s = d.status ?? {};
  const want = d.spec.replicas ?? 1;
  return fields([
    ...meta(d, true),
    ['Selector', mapLines(d.spec.selector?.matchLabels).join(',')],
    ['Replicas', `${want} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`],
    ['StrategyType', d.spec.strategy?.type ?? 'RollingUpdate'],
    ['Pod Template', [`Labels: ${mapLines(d.spec.template.metadata?.labels).join(',')}`, ...(d.spec.template.spec.containers ?? []).map((c) => `Container ${c.name}: image ${c.image ?? ''}`)]],
    ['Conditions', (s.conditions ?? []).map((c) => `${c.type}  ${c.status}  ${c.reason ?? ''}`)],
    ['OldReplicaSets', replicaSets.old.length ? replicaSets.old : '<none>'],
    ['NewReplicaSet', replicaSets.current || '<none>'],
  ]);
}

export function describeNode(n: Node, pods: readonly Pod[]): string {
  const s = n.status ?? {};
  return fields([
    ...meta(n, false),
    ['Taints', (n.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)],
    ['Unschedulable', String(n.spec?.unschedulable === true)],
    ['Conditions', (s.conditions ?? []).map((c) => `${c.type}  ${c.status}  ${c.reason ?? ''}  ${c.message ?? ''}`.trimEnd())],
    ['Addresses', (s.addresses ?? []).map((a) => `${a.type}: ${a.address}`)],
    ['Capacity', mapLines(s.capacity, ': ')],
    ['Allocatable', mapLines(s.allocatable, ': ')],
    ['System Info', [`Kernel Version: ${s.nodeInfo?.kernelVersion ?? ''}`, `OS Image: ${s.nodeInfo?.osImage ?? ''}`, `Container Runtime Version: ${s.nodeInfo?.containerRuntimeVersion ?? ''}`, `Kubelet Version: ${s.nodeInfo?.kubeletVersion ?? ''}`]],
    [`Non-terminated Pods`, [`(${pods.length} in total)`, ...pods.map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`)]],
  ]);
}

export function describeService(svc: Service, endpoints: readonly string[]): string {
  const spec = svc.spec ?? {};
  return fields([
    ...meta(svc, true).filter(([k]) => k !== 'CreationTimestamp'),
    ['Selector', mapLines(spec.selector).join(',') || '<none>'],
    ['Type', spec.type ?? 'ClusterIP'],
    ['IP', spec.clusterIP ?? ''],
    ['Port', (spec.ports ?? []).map((p) => `${p.name || '<unset>'}  ${p.port}/${p.protocol ?? 'TCP'}`)],
    ['TargetPort', (spec.ports ?? []).map((p) => `${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`)],
    ...((spec.ports ?? []).some((p) => p.nodePort) ? [['NodePort', (spec.ports ?? []).map((p) => `${p.name || '<unset>'}  ${p.nodePort ?? ''}/${p.protocol ?? 'TCP'}`)] as Field] : []),
    ['Endpoints', endpoints.join(',') || '<none>'],
    ['Session Affinity', spec.sessionAffinity ?? 'None'],
  ]);
}

export function describeGeneric(o: KubeObject, namespaced: boolean): string {
  const { metadata: _m, apiVersion: _a, kind: _k, ...rest } = o as KubeObject & Record<string, unknown>;
  const body = Object.keys(rest).length ? stringify(rest).trimEnd().split('\n').map((l) => `  ${l}`).join('\n') : '';
  return fields(meta(o, namespaced)) + (body ? `Details:\n${body}\n` : '');
}
