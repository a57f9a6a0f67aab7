#!/usr/bin/env node
// The docker-compose "init" service: writes the cluster's PKI and one kubeconfig per identity
// into the folder mounted at KUBELITE_COMPOSE_DIR (./.kubelite-compose on the host), then exits.
// Safe to run on every `up`: ensurePki keeps the CA and reissues only leaves that no longer fit.
// Every kubeconfig embeds its certificates, so it works wherever the folder is seen from (the
// containers mount it at /kubelite, the host user reads admin.kubeconfig in the checkout).
import { chownSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePki, pkiPaths, writeKubeconfig } from '@kubelite/client';

const dir = process.env.KUBELITE_COMPOSE_DIR ?? '/kubelite';
const port = Number(process.env.KUBELITE_APISERVER_PORT ?? 6443);
const nodes = (process.env.KUBELITE_NODES ?? 'node-1,node-2').split(',').filter(Boolean);
const pki = join(dir, 'pki');

if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  process.stderr.write(`compose-init: KUBELITE_APISERVER_PORT=${process.env.KUBELITE_APISERVER_PORT} is not a port\n`);
  process.exit(1);
}

// The identities kubeadm gives these components; the kubelets are system:node:<name> so the
// Node authorizer can tell them apart once it exists.
const identities = [
  { name: 'admin', user: 'kubernetes-admin', groups: ['system:masters'] },
  { name: 'scheduler', user: 'system:kube-scheduler', groups: [] },
  { name: 'controller-manager', user: 'system:kube-controller-manager', groups: [] },
  { name: 'kube-proxy', user: 'system:kube-proxy', groups: [] },
  { name: 'apiserver-kubelet-client', user: 'kube-apiserver-kubelet-client', groups: ['system:masters'] },
  ...nodes.map((n) => ({ name: `kubelet-${n}`, user: `system:node:${n}`, groups: ['system:nodes'] })),
];

const result = await ensurePki(pki, {
  nodeName: 'localhost',
  sans: { extraIPs: ['127.0.0.1'], extraDnsNames: ['localhost'] },
  clients: identities,
});

const caData = readFileSync(pkiPaths(pki, 'ca').cert);
for (const id of identities) {
  if (id.name === 'apiserver-kubelet-client') continue;
  const pair = pkiPaths(pki, id.name);
  writeKubeconfig(join(dir, `${id.name}.kubeconfig`), {
    clusterName: 'kubelite',
    server: `https://127.0.0.1:${port}`,
    caData,
    userName: id.user,
    certData: readFileSync(pair.cert),
    keyData: readFileSync(pair.key),
  });
}

// The container runs as root; hand the admin kubeconfig to whoever owns the mounted folder, so
// a non-root host user can read it (it stays 0600).
const owner = statSync(dir);
if (owner.uid !== 0) chownSync(join(dir, 'admin.kubeconfig'), owner.uid, owner.gid);

const changed = Object.entries(result.actions).filter(([, a]) => a !== 'reused').map(([n, a]) => `${n} ${a}`);
process.stdout.write(`compose-init: PKI in ${pki} (${changed.length ? changed.join(', ') : 'all reused'}); kubeconfigs for ${identities.length - 1} identities, server https://127.0.0.1:${port}\n`);
