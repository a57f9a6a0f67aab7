// The cluster's PKI (<dir>/pki, kubeadm's layout) and one kubeconfig per identity, as kubeadm
// writes admin.conf, scheduler.conf, … . Safe to run on every `cluster up`: the CA is reused and
// a leaf is reissued only when it no longer fits (ensurePki), so a resumed cluster keeps working
// with kubeconfigs handed out before.
import { defaultClientCerts, ensurePki, pkiPaths, writeKubeconfig, type EnsurePkiResult } from '@kubelite/client';
import type { ClusterLayout, KubeconfigName } from './layout.js';
import type { ClusterSettings } from './settings.js';

export const CLUSTER_NAME = 'kubelite';

/** Kubeconfig name → the PKI pair it presents and the user name it shows in `kubectl config`. */
const IDENTITIES: ReadonlyArray<[KubeconfigName, string, (node: string) => string]> = [
  ['admin', 'admin', () => 'kubernetes-admin'],
  ['scheduler', 'scheduler', () => 'system:kube-scheduler'],
  ['controller-manager', 'controller-manager', () => 'system:kube-controller-manager'],
  ['kubelet', 'kubelet', (node) => `system:node:${node}`],
  ['kube-proxy', 'kube-proxy', () => 'system:kube-proxy'],
];

export function ensureCredentials(layout: ClusterLayout, settings: ClusterSettings): Promise<EnsurePkiResult> {
  return ensurePki(layout.pkiDir, {
    nodeName: settings.nodeName,
    sans: { extraIPs: ['127.0.0.1'], extraDnsNames: ['localhost'] },
    // kubeadm gives kube-proxy a ServiceAccount token; kubelite has no token controller yet
    clients: [...defaultClientCerts(settings.nodeName), { name: 'kube-proxy', user: 'system:kube-proxy', groups: [] }],
  });
}

export function apiserverUrl(settings: ClusterSettings): string {
  return `https://127.0.0.1:${settings.ports.apiserver}`;
}

/** Writes every kubeconfig; they are rewritten each time so a changed port takes effect. */
export function writeKubeconfigs(layout: ClusterLayout, settings: ClusterSettings): void {
  for (const [file, pair, user] of IDENTITIES) {
    const paths = pkiPaths(layout.pkiDir, pair);
    writeKubeconfig(layout.kubeconfig(file), {
      clusterName: CLUSTER_NAME,
      server: apiserverUrl(settings),
      caFile: pkiPaths(layout.pkiDir, 'ca').cert,
      userName: user(settings.nodeName),
      certFile: paths.cert,
      keyFile: paths.key,
    });
  }
}
