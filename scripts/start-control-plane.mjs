#!/usr/bin/env node
// `pnpm start`: a local control plane in the foreground — etcd-lite, kube-apiserver,
// kube-scheduler and kube-controller-manager, with a kubeadm-style PKI in .kubelite/pki and a
// kubeconfig per identity (.kubelite/admin.conf for you) — until `klctl cluster up` (which also
// runs a kubelet, from static pod manifests) replaces it.
// Ctrl-C stops both processes; the data stays in .kubelite/ for the next start.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensurePki, pkiPaths, writeKubeconfig } from '@kubelite/client';

const root = resolve(import.meta.dirname, '..');
const state = join(root, '.kubelite');
const pki = join(state, 'pki');
const port = Number(process.env.KUBELITE_PORT ?? 6443);

mkdirSync(state, { recursive: true });
await ensurePki(pki, { nodeName: 'localhost', sans: { extraIPs: ['127.0.0.1'], extraDnsNames: ['localhost'] } });
// One kubeconfig per identity, as kubeadm writes them (admin.conf, scheduler.conf, …).
for (const [name, user] of [['admin', 'kubernetes-admin'], ['scheduler', 'system:kube-scheduler'], ['controller-manager', 'system:kube-controller-manager']]) {
  const pair = pkiPaths(pki, name);
  writeKubeconfig(join(state, `${name}.conf`), {
    clusterName: 'kubelite',
    server: `https://127.0.0.1:${port}`,
    caFile: join(pki, 'ca.crt'),
    userName: user,
    certFile: pair.cert,
    keyFile: pair.key,
  });
}

const children = [];
function run(name, script, args) {
  const child = spawn(process.execPath, [join(root, script), ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${name} exited (${signal ?? code}); stopping\n`);
      stop(1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
}
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

const apiserver = pkiPaths(pki, 'apiserver');
run('etcd-lite', 'packages/etcd-lite/dist/main.js', [
  '--data-dir', join(state, 'etcd'),
  '--listen-client-urls', 'http://127.0.0.1:2379',
  '--listen-metrics-urls', 'http://127.0.0.1:2381',
  '--log-format', 'text',
]);
run('kube-apiserver', 'packages/apiserver/dist/main.js', [
  '--etcd-servers', 'http://127.0.0.1:2379',
  '--bind-address', '127.0.0.1',
  '--secure-port', String(port),
  '--tls-cert-file', apiserver.cert,
  '--tls-private-key-file', apiserver.key,
  '--client-ca-file', join(pki, 'ca.crt'),
  '--anonymous-auth', 'false',
  '--cert-dir', join(state, 'certs'),
  '--log-format', 'text',
]);
run('kube-scheduler', 'packages/scheduler/dist/main.js', [
  '--kubeconfig', join(state, 'scheduler.conf'),
  '--bind-address', '127.0.0.1',
  '--log-format', 'text',
]);
run('kube-controller-manager', 'packages/controller-manager/dist/main.js', [
  '--kubeconfig', join(state, 'controller-manager.conf'),
  '--bind-address', '127.0.0.1',
  '--log-format', 'text',
]);
process.stderr.write(`\nkubelite control plane starting; in another terminal:\n  export KUBECONFIG=${join(state, 'admin.conf')}\n  kubectl get namespaces\n\n`);
