// `klctl describe TYPE [NAME…]`: key fields of pods, deployments, nodes and services (a generic
// view for other kinds), each followed by the Events that name the object by uid.
import { Command } from 'commander';
import { labelSelectorAsSelector, type Deployment, type KubeObject, type Node, type Pod, type ReplicaSet, type ResourceInfo, type Service } from '@kubelite/api';
import { eventsSection, type DescribedEvent } from '../kube/describe-text.js';
import { describeDeployment, describeGeneric, describeNode, describePod, describeService } from '../kube/describers.js';
import { REVISION_ANNOTATION } from '../kube/history.js';
import { stdout } from '../kube/output.js';
import { verb } from '../kube/run.js';
import type { Session } from '../kube/session.js';
import { clientFor, resolveTargets } from '../kube/targets.js';

interface DescribeFlags {
  selector?: string;
}

async function eventsFor(session: Session, o: KubeObject, kind: string): Promise<DescribedEvent[]> {
  const ns = o.metadata.namespace ?? '';
  const events = session.client.resource<DescribedEvent & KubeObject>('', 'v1', 'events');
  const fieldSelector = `involvedObject.uid=${o.metadata.uid ?? ''},involvedObject.name=${o.metadata.name ?? ''},involvedObject.namespace=${ns},involvedObject.kind=${kind}`;
  const list = await (ns ? events.namespace(ns) : events).listAll({ fieldSelector });
  const when = (e: DescribedEvent): number => Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '') || 0;
  return list.items.sort((a, b) => when(a) - when(b));
}

async function deploymentRs(session: Session, d: Deployment): Promise<{ old: string[]; current: string }> {
  const rss = await session.client.resource<ReplicaSet>('apps', 'v1', 'replicasets').namespace(d.metadata.namespace ?? session.namespace)
    .listAll({ labelSelector: labelSelectorAsSelector(d.spec.selector).toString() });
  const owned = rss.items.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
  const rev = (rs: ReplicaSet): number => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
  owned.sort((a, b) => rev(b) - rev(a));
  const label = (rs: ReplicaSet): string => `${rs.metadata.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`;
  const [current, ...old] = owned;
  return { current: current ? label(current) : '', old: old.filter((rs) => (rs.spec.replicas ?? 0) > 0).map(label) };
}

async function body(session: Session, info: ResourceInfo, o: KubeObject): Promise<string> {
  switch (info.kind) {
    case 'Pod':
      return describePod(o as Pod);
    case 'Deployment':
      return describeDeployment(o as Deployment, await deploymentRs(session, o as Deployment));
    case 'Node': {
      const pods = await session.client.resource<Pod>('', 'v1', 'pods').listAll({
        fieldSelector: `spec.nodeName=${o.metadata.name ?? ''},status.phase!=Succeeded,status.phase!=Failed`,
      });
      return describeNode(o as Node, pods.items);
    }
    case 'Service': {
      const ep = await clientFor<KubeObject & { subsets?: Array<{ addresses?: Array<{ ip: string }>; ports?: Array<{ port: number }> }> }>(
        session, await session.resources().forKind('v1', 'Endpoints'), o.metadata.namespace,
      ).get(o.metadata.name ?? '').catch(() => undefined);
      const addrs = (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).flatMap((a) => (s.ports ?? []).map((p) => `${a.ip}:${p.port}`)));
      return describeService(o as Service, addrs);
    }
    default:
      return describeGeneric(o, info.namespaced);
  }
}

async function describe(session: Session, args: string[], flags: DescribeFlags): Promise<void> {
  const out = stdout();
  let first = true;
  for (const t of await resolveTargets(session, args)) {
    const rc = clientFor(session, t.info);
    const objects = t.names.length > 0 ? await Promise.all(t.names.map((n) => rc.get(n))) : (await rc.listAll({ labelSelector: flags.selector })).items;
    for (const o of objects) {
      if (!first) out.write('\n\n');
      first = false;
      out.write(await body(session, t.info, o));
      out.write(eventsSection(await eventsFor(session, o, t.info.kind)));
    }
  }
}

export function registerDescribeCommand(program: Command): void {
  program
    .command('describe')
    .description('Show details of a resource or group of resources, with their events')
    .argument('<type-or-refs...>', 'TYPE [NAME…] or TYPE/NAME …')
    .option('-l, --selector <selector>', 'describe what matches this label selector')
    .action(verb(async (session, args: string[], flags: DescribeFlags) => describe(session, args, flags)));
}
