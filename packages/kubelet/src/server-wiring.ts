// The kubelet's two listeners: the authenticated HTTPS API on --port (logs, exec, attach, pods,
// metrics) that the API server proxies to, and the plain-HTTP /healthz on 127.0.0.1:10248 that
// local supervisors and kubeadm-style checks use.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Pod } from '@kubelite/api';
import { ensureSelfSignedServingCert, type Logger } from '@kubelite/client';
import type { Kubelet } from './kubelet.js';
import type { ContainerStatus } from './runtime/types.js';
import { startKubeletServer, type KubeletPodProvider } from './server/index.js';

export interface KubeletServers {
  port: number;
  close(): Promise<void>;
}

function podProvider(k: Kubelet): KubeletPodProvider {
  const withStatus = (p: Pod): Pod => ({ ...p, status: k.syncer.lastStatuses.get(p.metadata.uid!) ?? p.status });
  return {
    listPods: () => k.pods.all().map(withStatus),
    getPod(namespace, name, uid) {
      const pod = k.pods.byName(namespace, name);
      if (!pod) return undefined;
      // A mirror pod's uid addresses its static pod (upstream's TranslatePodUID).
      const mirrorUid = k.pods.mirrorOf(pod)?.metadata.uid;
      if (uid && uid !== pod.metadata.uid && uid !== mirrorUid) return undefined;
      return withStatus(pod);
    },
    runtimeFor: (pod) => k.syncer.runtimeFor(pod),
    async containers(pod): Promise<ContainerStatus[]> {
      const all = await k.syncer.runtimeFor(pod).listContainers({ podUid: pod.metadata.uid! });
      return all.sort((a, b) => b.attempt - a.attempt || b.createdAt.getTime() - a.createdAt.getTime());
    },
  };
}

async function servingPair(k: Kubelet): Promise<{ cert: string; key: string }> {
  const o = k.options;
  if (o.tlsCertFile && o.tlsPrivateKeyFile) return { cert: await readFile(o.tlsCertFile, 'utf8'), key: await readFile(o.tlsPrivateKeyFile, 'utf8') };
  return ensureSelfSignedServingCert({
    dir: join(o.rootDir, 'pki'),
    name: 'kubelet',
    caName: `${o.nodeName}-ca`,
    commonName: `${o.nodeName}@kubelet`,
    dnsNames: [o.nodeName, 'localhost'],
    ipAddresses: [...new Set([o.nodeIP, '127.0.0.1'])],
  });
}

function startHealthz(k: Kubelet, address: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    // Healthy while the PLEG relists: a kubelet that stopped looking at its runtime is not.
    const healthy = req.url === '/healthz' && Date.now() - k.pleg.lastRelist < 3 * 60_000;
    res.writeHead(req.url === '/healthz' ? (healthy ? 200 : 500) : 404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(req.url === '/healthz' ? (healthy ? 'ok' : 'pleg is not healthy') : 'not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve(server));
  });
}

export async function startKubeletServers(k: Kubelet, logger: Logger): Promise<KubeletServers> {
  const o = k.options;
  const api = await startKubeletServer({
    address: o.address,
    port: o.port,
    tls: await servingPair(k),
    clientCaPem: o.clientCaFile ? await readFile(o.clientCaFile, 'utf8') : undefined,
    pods: podProvider(k),
    logger,
  });
  const healthz = o.healthzPort > 0 ? await startHealthz(k, o.healthzBindAddress, o.healthzPort) : undefined;
  return {
    port: api.port,
    async close() {
      await api.close();
      await new Promise<void>((r) => (healthz ? healthz.close(() => r()) : r()));
    },
  };
}
