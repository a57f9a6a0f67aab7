// The kubelet's configuration: upstream's flag names and defaults (KubeletConfiguration v1beta1),
// limited to what kubelite implements.
export interface KubeletOptions {
  /** Absent: standalone mode — only static pods, no API server (as upstream without --kubeconfig). */
  kubeconfig?: string;
  nodeName: string;
  podManifestPath?: string;
  nodeIP: string;
  nodeLabels: Record<string, string>;
  registerWithTaints: { key: string; value?: string; effect: string }[];
  maxPods: number;
  podInfraContainerImage: string;
  containerRuntimeEndpoint: string;
  rootDir: string;
  address: string;
  port: number;
  healthzBindAddress: string;
  healthzPort: number;
  tlsCertFile?: string;
  tlsPrivateKeyFile?: string;
  clientCaFile?: string;
  clusterDNS: string[];
  clusterDomain: string;
  /** API pods may use the `process` runtime only when allowed (static pods always may). */
  allowPrivileged: boolean;
  /** On SIGTERM stop every pod within this time before exiting; 0 leaves pods running. */
  shutdownGracePeriodMs: number;
  nodeStatusUpdateFrequencyMs: number;
  nodeLeaseDurationSeconds: number;
  fileCheckFrequencyMs: number;
  syncFrequencyMs: number;
  logFormat: 'json' | 'text';
  logLevel: string;
}

export function defaultKubeletOptions(nodeName: string): KubeletOptions {
  return {
    nodeName,
    nodeIP: '127.0.0.1',
    nodeLabels: {},
    registerWithTaints: [],
    maxPods: 110,
    podInfraContainerImage: 'kubelite/pause:3.10',
    containerRuntimeEndpoint: 'unix:///var/run/docker.sock',
    rootDir: '/var/lib/kubelet',
    address: '0.0.0.0',
    port: 10250,
    healthzBindAddress: '127.0.0.1',
    healthzPort: 10248,
    clusterDNS: [],
    clusterDomain: 'cluster.local',
    allowPrivileged: false,
    shutdownGracePeriodMs: 0,
    nodeStatusUpdateFrequencyMs: 10_000,
    nodeLeaseDurationSeconds: 40,
    fileCheckFrequencyMs: 20_000,
    syncFrequencyMs: 60_000,
    logFormat: 'json',
    logLevel: 'info',
  };
}
