// A cluster's settings: node name, ports and Docker socket. `cluster up` stores them in
// <dir>/cluster.yaml so that a later `cluster up` on the same dir (which resumes the stored
// objects) keeps the same node and ports unless flags say otherwise.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { clusterError } from './errors.js';
import type { ClusterLayout } from './layout.js';

export interface ClusterPorts {
  etcd: number;
  /** advertised only; etcd-lite opens no peer port */
  etcdPeer: number;
  etcdMetrics: number;
  apiserver: number;
  scheduler: number;
  controllerManager: number;
  kubelet: number;
  kubeletHealthz: number;
  proxyHealthz: number;
  proxyMetrics: number;
}

/** The upstream defaults, as kubeadm's control plane uses them. */
export const DEFAULT_PORTS: Readonly<ClusterPorts> = {
  etcd: 2379,
  etcdPeer: 2380,
  etcdMetrics: 2381,
  apiserver: 6443,
  scheduler: 10259,
  controllerManager: 10257,
  kubelet: 10250,
  kubeletHealthz: 10248,
  proxyHealthz: 10256,
  proxyMetrics: 10249,
};

/** The ports the cluster listens on, with who listens, for the preflight check and messages. */
export const LISTENING_PORTS: ReadonlyArray<[keyof ClusterPorts, string]> = [
  ['etcd', 'etcd client'],
  ['etcdMetrics', 'etcd metrics'],
  ['apiserver', 'kube-apiserver'],
  ['scheduler', 'kube-scheduler'],
  ['controllerManager', 'kube-controller-manager'],
  ['kubelet', 'kubelet'],
  ['kubeletHealthz', 'kubelet healthz'],
  ['proxyHealthz', 'kube-proxy healthz'],
  ['proxyMetrics', 'kube-proxy metrics'],
];

export const DEFAULT_RUNTIME_ENDPOINT = 'unix:///var/run/docker.sock';

export interface ClusterSettings {
  nodeName: string;
  ports: ClusterPorts;
  /** unix:///path of the Docker socket the kubelet uses */
  containerRuntimeEndpoint: string;
}

/** What the user passed; unset fields fall back to the stored settings, then the defaults. */
export interface SettingsFlags {
  nodeName?: string;
  portOffset?: number;
  apiserverPort?: number;
  etcdPort?: number;
  containerRuntimeEndpoint?: string;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function defaultNodeName(): string {
  return hostname().toLowerCase();
}

function checkNodeName(name: string): string {
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) throw clusterError('BAD_NODE_NAME', name);
  return name;
}

/** The Docker socket path of a unix:// endpoint. */
export function socketPath(endpoint: string): string {
  const m = /^unix:\/\/(\/.+)$/.exec(endpoint);
  if (!m) throw clusterError('BAD_RUNTIME_ENDPOINT', endpoint);
  return m[1]!;
}

function defaultRuntimeEndpoint(): string {
  const fromEnv = process.env.DOCKER_HOST;
  return fromEnv?.startsWith('unix://') ? fromEnv : DEFAULT_RUNTIME_ENDPOINT;
}

function shifted(offset: number): ClusterPorts {
  const out = { ...DEFAULT_PORTS };
  for (const key of Object.keys(out) as (keyof ClusterPorts)[]) out[key] += offset;
  return out;
}

/**
 * --port-offset shifts every default port; --apiserver-port and --etcd-port (client port; peer
 * and metrics follow at +1 and +2, as 2379/2380/2381) win over it. With none of them the stored
 * ports stay.
 */
export function resolvePorts(flags: SettingsFlags, stored?: ClusterPorts): ClusterPorts {
  const ports = flags.portOffset !== undefined ? shifted(flags.portOffset) : { ...(stored ?? DEFAULT_PORTS) };
  if (flags.apiserverPort !== undefined) ports.apiserver = flags.apiserverPort;
  if (flags.etcdPort !== undefined) {
    ports.etcd = flags.etcdPort;
    ports.etcdPeer = flags.etcdPort + 1;
    ports.etcdMetrics = flags.etcdPort + 2;
  }
  for (const [key, owner] of LISTENING_PORTS) {
    const p = ports[key];
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw clusterError('PORT_OUT_OF_RANGE', owner, p);
  }
  return ports;
}

export function resolveSettings(flags: SettingsFlags, stored?: ClusterSettings): ClusterSettings {
  const endpoint = flags.containerRuntimeEndpoint ?? stored?.containerRuntimeEndpoint ?? defaultRuntimeEndpoint();
  socketPath(endpoint);
  return {
    nodeName: checkNodeName(flags.nodeName ?? stored?.nodeName ?? defaultNodeName()),
    ports: resolvePorts(flags, stored?.ports),
    containerRuntimeEndpoint: endpoint,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseSettings(file: string, text: string): ClusterSettings {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw clusterError('SETTINGS_INVALID', file, e instanceof Error ? e.message : String(e));
  }
  if (!isRecord(doc) || typeof doc.nodeName !== 'string' || !isRecord(doc.ports) || typeof doc.containerRuntimeEndpoint !== 'string') {
    throw clusterError('SETTINGS_INVALID', file, 'expected nodeName, ports and containerRuntimeEndpoint');
  }
  const ports = { ...DEFAULT_PORTS };
  for (const key of Object.keys(ports) as (keyof ClusterPorts)[]) {
    const v = doc.ports[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw clusterError('SETTINGS_INVALID', file, `ports.${key} is not an integer`);
    ports[key] = v;
  }
  return { nodeName: doc.nodeName, ports, containerRuntimeEndpoint: doc.containerRuntimeEndpoint };
}

/** The settings a previous `cluster up` stored, if any. */
export function loadSettings(layout: ClusterLayout): ClusterSettings | undefined {
  if (!existsSync(layout.settingsFile)) return undefined;
  return parseSettings(layout.settingsFile, readFileSync(layout.settingsFile, 'utf8'));
}

export function saveSettings(layout: ClusterLayout, settings: ClusterSettings): void {
  mkdirSync(layout.dataDir, { recursive: true });
  const header = '# Written by `klctl cluster up`; the next `cluster up` on this dir reuses these unless flags override them.\n';
  writeFileSync(layout.settingsFile, header + stringifyYaml(settings));
}
