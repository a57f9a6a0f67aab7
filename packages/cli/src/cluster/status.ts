// `klctl cluster status`: is the kubelet of this dir alive, does the API answer /readyz, are the
// nodes Ready and the control-plane mirror pods Running. Healthy means all of it.
import { existsSync } from 'node:fs';
import type { Node } from '@kubelite/api';
import { apiserverUrl } from './credentials.js';
import { clusterLayout } from './layout.js';
import { runningKubelet } from './processes.js';
import { adminClient, apiserverNotReady, mirrorPodStates, nodeState, type NodeState, type PodState } from './readiness.js';
import { staticPodNames } from './render.js';
import { loadSettings } from './settings.js';

export interface ClusterStatus {
  dataDir: string;
  /** false when the dir holds no cluster at all (never brought up) */
  exists: boolean;
  kubeletPid?: number;
  apiserver: { url?: string; ready: boolean; detail: string };
  nodes: NodeState[];
  pods: PodState[];
  healthy: boolean;
}

export async function clusterStatus(dataDir: string): Promise<ClusterStatus> {
  const layout = clusterLayout(dataDir);
  const settings = loadSettings(layout);
  const kubeletPid = runningKubelet(layout.pidFile, layout.dataDir);
  const status: ClusterStatus = {
    dataDir: layout.dataDir,
    exists: settings !== undefined,
    ...(kubeletPid !== undefined ? { kubeletPid } : {}),
    apiserver: { ready: false, detail: 'not configured' },
    nodes: [],
    pods: [],
    healthy: false,
  };
  if (!settings || !existsSync(layout.kubeconfig('admin'))) return status;
  status.apiserver.url = apiserverUrl(settings);
  const client = adminClient(layout.kubeconfig('admin'));
  try {
    const notReady = await apiserverNotReady(client);
    status.apiserver.ready = notReady === undefined;
    status.apiserver.detail = notReady ?? 'ready';
    if (status.apiserver.ready) {
      status.nodes = (await client.resource<Node>('', 'v1', 'nodes').list()).items.map((n) => nodeState(n));
      status.pods = await mirrorPodStates(client, staticPodNames(layout.manifestsDir), settings.nodeName);
    }
  } catch (e) {
    status.apiserver.ready = false;
    status.apiserver.detail = e instanceof Error ? e.message : String(e);
  } finally {
    client.close();
  }
  status.healthy =
    kubeletPid !== undefined &&
    status.apiserver.ready &&
    status.nodes.length > 0 &&
    status.nodes.every((n) => n.ready) &&
    status.pods.every((p) => p.phase === 'Running');
  return status;
}

export function formatStatus(s: ClusterStatus): string[] {
  const lines = [`cluster:    ${s.dataDir}`];
  lines.push(`kubelet:    ${s.kubeletPid !== undefined ? `running (pid ${s.kubeletPid})` : 'not running'}`);
  lines.push(`API server: ${s.apiserver.ready ? `ready at ${s.apiserver.url}` : `not ready${s.apiserver.url ? ` at ${s.apiserver.url}` : ''} (${s.apiserver.detail})`}`);
  if (s.apiserver.ready) {
    lines.push(`nodes:      ${s.nodes.length === 0 ? 'none registered' : s.nodes.map((n) => `${n.name} ${n.ready ? 'Ready' : `NotReady (${n.detail})`}`).join(', ')}`);
    lines.push(`pods:       ${s.pods.map((p) => `${p.name} ${p.phase}`).join(', ')}`);
  }
  return lines;
}
