// Where everything of one cluster lives under its data dir, so up, down and status (and the
// tests) agree on the paths: <dir>/pki, <dir>/manifests, <dir>/etcd, <dir>/kubelet, <dir>/logs,
// the kubeconfigs and the kubelet's pid file.
import { join, resolve } from 'node:path';

export const DEFAULT_DATA_DIR = '.kubelite';

/** The kubeconfig each identity uses; admin.kubeconfig is the user's. */
export type KubeconfigName = 'admin' | 'scheduler' | 'controller-manager' | 'kubelet' | 'kube-proxy';

export interface ClusterLayout {
  /** absolute */
  dataDir: string;
  pkiDir: string;
  manifestsDir: string;
  etcdDataDir: string;
  /** the kubelet's --root-dir; the process pods' logs are under it */
  kubeletRootDir: string;
  logsDir: string;
  kubeletLog: string;
  pidFile: string;
  settingsFile: string;
  kubeconfig(name: KubeconfigName): string;
}

export function clusterLayout(dataDir: string): ClusterLayout {
  const dir = resolve(dataDir);
  const logsDir = join(dir, 'logs');
  return {
    dataDir: dir,
    pkiDir: join(dir, 'pki'),
    manifestsDir: join(dir, 'manifests'),
    etcdDataDir: join(dir, 'etcd'),
    kubeletRootDir: join(dir, 'kubelet'),
    logsDir,
    kubeletLog: join(logsDir, 'kubelet.log'),
    pidFile: join(dir, 'kubelet.pid'),
    settingsFile: join(dir, 'cluster.yaml'),
    // kubeadm's admin.conf is named for kubectl users here: it is the file they export
    kubeconfig: (name) => join(dir, name === 'admin' ? 'admin.kubeconfig' : `${name}.conf`),
  };
}
