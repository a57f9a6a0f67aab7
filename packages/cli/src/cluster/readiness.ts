// What "the cluster is up" means, asked of the API as the admin: /readyz answers ok, the Node is
// Ready, and every static pod's mirror pod is Running. Each check returns undefined when
// satisfied, else a short description of what is still missing (for progress and timeouts).
import type { Node, Pod } from '@kubelite/api';
import { KubeClient, loadRestConfig } from '@kubelite/client';

const REQUEST_TIMEOUT_MS = 3_000;

export function adminClient(kubeconfig: string): KubeClient {
  return new KubeClient(loadRestConfig({ kubeconfig }), { userAgent: 'klctl', timeoutMs: REQUEST_TIMEOUT_MS, maxRetries: 0 });
}

const reason = (e: unknown): string => {
  const err = e as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code = typeof err?.code === 'string' ? err.code : typeof err?.cause?.code === 'string' ? err.cause.code : undefined;
  return code ?? (e instanceof Error ? e.message : String(e));
};

export async function apiserverNotReady(client: KubeClient): Promise<string | undefined> {
  try {
    const res = await client.requestRaw({ method: 'GET', path: '/readyz', timeoutMs: REQUEST_TIMEOUT_MS });
    if (res.statusCode === 200) return undefined;
    return `/readyz answered ${res.statusCode}`;
  } catch (e) {
    return `/readyz: ${reason(e)}`;
  }
}

export interface NodeState {
  name: string;
  ready: boolean;
  /** the Ready condition's reason/message, or why the node could not be read */
  detail: string;
}

/** API times have whole seconds: a time at or after `since` compares against since's second. */
const atOrAfter = (time: string | null | undefined, since: Date | undefined): boolean =>
  since === undefined || (typeof time === 'string' && Date.parse(time) >= Math.floor(since.getTime() / 1000) * 1000);

/**
 * The node's Ready condition. With `since`, a condition not heartbeated since then is stale (the
 * status a stopped kubelet left behind, as on a resumed cluster) and does not count as Ready.
 */
export function nodeState(node: Node, since?: Date): NodeState {
  const cond = node.status?.conditions?.find((c) => c.type === 'Ready');
  const fresh = atOrAfter(cond?.lastHeartbeatTime, since);
  const ready = cond?.status === 'True' && fresh;
  const detail = !cond ? 'no Ready condition yet' : !fresh ? 'status not yet reported by this kubelet' : `Ready=${cond.status}${cond.reason ? ` ${cond.reason}` : ''}`;
  return { name: node.metadata.name ?? '', ready, detail };
}

export async function nodeNotReady(client: KubeClient, name: string, since?: Date): Promise<string | undefined> {
  try {
    const state = nodeState(await client.resource<Node>('', 'v1', 'nodes').get(name), since);
    return state.ready ? undefined : `node ${name}: ${state.detail}`;
  } catch (e) {
    return `node ${name}: ${reason(e)}`;
  }
}

export const mirrorPodName = (staticName: string, nodeName: string): string => `${staticName}-${nodeName}`;

export interface PodState {
  name: string;
  phase: string;
}

/** A pod's phase; with `since`, Running only counts when its containers started since then. */
function phaseOf(pod: Pod, since?: Date): string {
  const phase = pod.status?.phase ?? 'Pending';
  if (phase !== 'Running' || since === undefined) return phase;
  const statuses = pod.status?.containerStatuses ?? [];
  const fresh = statuses.length > 0 && statuses.every((c) => atOrAfter(c.state?.running?.startedAt, since));
  return fresh ? phase : 'Starting';
}

/** The mirror pods of the given static pods with their phase ("Missing" when not posted yet). */
export async function mirrorPodStates(client: KubeClient, staticNames: readonly string[], nodeName: string, since?: Date): Promise<PodState[]> {
  const pods = client.resource<Pod>('', 'v1', 'pods').namespace('kube-system');
  const list = await pods.list();
  const phases = new Map(list.items.map((p) => [p.metadata.name ?? '', phaseOf(p, since)]));
  return staticNames.map((s) => {
    const name = mirrorPodName(s, nodeName);
    return { name, phase: phases.get(name) ?? 'Missing' };
  });
}

export async function podsNotRunning(client: KubeClient, staticNames: readonly string[], nodeName: string, since?: Date): Promise<string | undefined> {
  try {
    const waiting = (await mirrorPodStates(client, staticNames, nodeName, since)).filter((p) => p.phase !== 'Running');
    return waiting.length === 0 ? undefined : waiting.map((p) => `${p.name} ${p.phase}`).join(', ');
  } catch (e) {
    return `pods: ${reason(e)}`;
  }
}
