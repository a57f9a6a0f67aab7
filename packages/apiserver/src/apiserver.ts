// kube-apiserver as a library: wires the store, watch caches, registries, admission, auth and the
// HTTPS app together, so `main.ts` is only flags and tests start the real thing in-process.
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { apiserverSans, ensureSelfSignedServingCert, type Logger } from '@kubelite/client';
import type { ResourceInfo } from '@kubelite/api';
import { AdmissionChain, DefaultTolerationSeconds, NamespaceLifecycle, Priority } from './admission/index.js';
import { effectiveAnonymousAuth, loadAuthentication, newAuthorizer, parseAuthorizationModes } from './auth/index.js';
import { bootstrap } from './bootstrap.js';
import { ServiceAllocator } from './registry/allocators/service-allocation.js';
import { RegistrySet } from './registry/registry-set.js';
import { buildApp } from './server/app.js';
import { loadKubeletClientConfig } from './server/handlers/kubelet-proxy/index.js';
import { ApiMetrics } from './server/metrics.js';
import { Compactor, EtcdStore } from './storage/index.js';
import { Cacher } from './watchcache/index.js';

/**
 * Kubernetes' DefaultWatchCacheSizes: events get no watch cache. They are written far more often
 * than watched, and a cache would decode every one of them; their watches and lists go to etcd.
 */
const isUncached = (r: ResourceInfo): boolean => r.resource === 'events' && (r.group === '' || r.group === 'events.k8s.io');

export interface ApiServerOptions {
  /** --etcd-servers: comma-separated http URLs. */
  etcdServers: string;
  bindAddress: string;
  /** 0 picks a free port (tests). */
  securePort: number;
  /** The address put in the `kubernetes` Endpoints; default: the bind address, or 127.0.0.1 for 0.0.0.0. */
  advertiseAddress?: string;
  tlsCertFile?: string;
  tlsPrivateKeyFile?: string;
  /** Where a self-signed serving certificate is kept when no certificate is given. */
  certDir: string;
  clientCAFile?: string;
  tokenAuthFile?: string;
  anonymousAuth: boolean;
  authorizationMode: string;
  serviceClusterIPRange: string;
  serviceNodePortRange: string;
  corsAllowedOrigins: readonly RegExp[];
  maxRequestsInflight: number;
  maxMutatingRequestsInflight: number;
  /** --watch-cache: serve watches and rv=0 lists from memory (default true). */
  watchCache: boolean;
  /** --etcd-compaction-interval in ms; 0 disables. */
  etcdCompactionIntervalMs: number;
  /** --kubelet-client-certificate / --kubelet-client-key: what the API server presents to kubelets. */
  kubeletClientCertificate?: string;
  kubeletClientKey?: string;
  /** --kubelet-certificate-authority: absent, kubelet serving certificates are not verified. */
  kubeletCertificateAuthority?: string;
  /** --kubelet-preferred-address-types (default Hostname,InternalDNS,InternalIP,ExternalDNS,ExternalIP). */
  kubeletPreferredAddressTypes?: readonly string[];
  /** --kubelet-timeout in ms (default 5 s). */
  kubeletTimeoutMs?: number;
  logger: Logger;
}

/** Waits for etcd at start, as kube-apiserver does, instead of failing on the first refused connection. */
async function waitForStore(store: EtcdStore, logger: Logger, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await store.health();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`etcd not reachable after ${timeoutMs / 1000} s: ${err instanceof Error ? err.message : String(err)}`);
      if (attempt % 5 === 0) logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'waiting for etcd');
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
    }
  }
}

/** The serving certificate: the given files, else a self-signed one kept in --cert-dir (as upstream). */
async function servingCert(opts: ApiServerOptions, clusterIP: string): Promise<{ cert: string; key: string }> {
  if (opts.tlsCertFile || opts.tlsPrivateKeyFile) {
    if (!opts.tlsCertFile || !opts.tlsPrivateKeyFile) throw new Error('--tls-cert-file and --tls-private-key-file must be given together');
    return { cert: await readFile(opts.tlsCertFile, 'utf8'), key: await readFile(opts.tlsPrivateKeyFile, 'utf8') };
  }
  const sans = apiserverSans({ serviceIP: clusterIP, ...(opts.advertiseAddress ? { advertiseAddress: opts.advertiseAddress } : {}) });
  return ensureSelfSignedServingCert({ dir: opts.certDir, name: 'apiserver', caName: 'kubelite-apiserver-ca', dnsNames: sans.dnsNames, ipAddresses: sans.ipAddresses });
}

export class ApiServer {
  private constructor(
    private readonly app: FastifyInstance,
    private readonly store: EtcdStore,
    private readonly cachers: Cacher[],
    private readonly compactor: Compactor | undefined,
    readonly registries: RegistrySet,
  ) {}

  static async start(opts: ApiServerOptions): Promise<ApiServer> {
    const log = opts.logger;
    const store = EtcdStore.connect({ servers: opts.etcdServers });
    await waitForStore(store, log);
    const services = new ServiceAllocator({ store, serviceClusterIPRange: opts.serviceClusterIPRange, serviceNodePortRange: opts.serviceNodePortRange });
    await services.start();

    const cachers = new Map<ResourceInfo, Cacher>();
    let namespaceCache: Cacher | undefined;
    const registries = new RegistrySet({
      store,
      admission: new AdmissionChain([new NamespaceLifecycle(store, () => namespaceCache), new DefaultTolerationSeconds(), new Priority()]),
      watchSourceFor: (r, resourceStore) => {
        if (!opts.watchCache || isUncached(r)) return undefined;
        const c = new Cacher({ store: resourceStore, prefix: `${r.storagePrefix}/`, logger: log });
        cachers.set(r, c);
        if (r.group === '' && r.resource === 'namespaces') namespaceCache = c;
        return c;
      },
      hooksFor: (r) => (r.group === '' && r.resource === 'services' ? services : undefined),
    });
    await Promise.all([...cachers.values()].map((c) => c.start()));

    const modes = parseAuthorizationModes(opts.authorizationMode);
    const anon = effectiveAnonymousAuth(opts.anonymousAuth, modes);
    if (anon.warning) log.warn(anon.warning);
    const auth = await loadAuthentication({
      anonymousAuth: anon.anonymous,
      ...(opts.clientCAFile ? { clientCAFile: opts.clientCAFile } : {}),
      ...(opts.tokenAuthFile ? { tokenAuthFile: opts.tokenAuthFile } : {}),
    });
    for (const w of auth.warnings) log.warn(w);

    const tls = await servingCert(opts, services.firstIP);
    const kubeletClient = await loadKubeletClientConfig({
      ...(opts.kubeletClientCertificate ? { clientCertificateFile: opts.kubeletClientCertificate } : {}),
      ...(opts.kubeletClientKey ? { clientKeyFile: opts.kubeletClientKey } : {}),
      ...(opts.kubeletCertificateAuthority ? { certificateAuthorityFile: opts.kubeletCertificateAuthority } : {}),
      ...(opts.kubeletPreferredAddressTypes ? { preferredAddressTypes: opts.kubeletPreferredAddressTypes } : {}),
      ...(opts.kubeletTimeoutMs !== undefined ? { timeoutMs: opts.kubeletTimeoutMs } : {}),
    });
    const metrics = new ApiMetrics();
    const storeCheck = { name: 'etcd', check: () => store.health() };
    // Not ready until the system namespaces exist: a client let in earlier would be told that
    // "default" does not exist (upstream gates /readyz on the same post-start hook).
    let bootstrapped = false;
    const bootstrapCheck = {
      name: 'poststarthook/start-system-namespaces-controller',
      check: async () => {
        if (!bootstrapped) throw new Error('system namespaces not created yet');
      },
    };
    let address = '';
    const app = await buildApp({
      tls: { ...tls, ...(auth.clientCAPem ? { clientCA: auth.clientCAPem } : {}) },
      authenticator: auth.chain,
      authorizer: newAuthorizer(modes),
      registries,
      metrics,
      checks: { live: [{ name: 'ping', check: async () => undefined }], ready: [{ name: 'ping', check: async () => undefined }, storeCheck, bootstrapCheck] },
      maxRequestsInflight: opts.maxRequestsInflight,
      maxMutatingRequestsInflight: opts.maxMutatingRequestsInflight,
      corsAllowedOrigins: opts.corsAllowedOrigins,
      logger: log,
      serverAddress: () => address,
      kubeletClient,
    });
    await app.listen({ host: opts.bindAddress, port: opts.securePort });
    const port = (app.server.address() as AddressInfo).port;
    const advertise = opts.advertiseAddress ?? (opts.bindAddress === '0.0.0.0' || opts.bindAddress === '::' ? '127.0.0.1' : opts.bindAddress);
    address = `${advertise}:${port}`;
    await bootstrap(registries, { advertiseAddress: advertise, securePort: port, clusterIP: services.firstIP });
    bootstrapped = true;

    let compactor: Compactor | undefined;
    if (opts.etcdCompactionIntervalMs > 0) {
      compactor = new Compactor(store.client, opts.etcdCompactionIntervalMs, (err) => log.warn({ err }, 'compaction failed'));
      compactor.start();
    }
    log.info({ address: `https://${address}` }, 'kube-apiserver serving');
    return new ApiServer(app, store, [...cachers.values()], compactor, registries);
  }

  get port(): number {
    return (this.app.server.address() as AddressInfo).port;
  }

  /** Graceful stop: no new connections, open watches ended, in-flight requests finished, store closed. */
  async stop(): Promise<void> {
    this.compactor?.stop();
    for (const c of this.cachers) c.stop();
    await this.app.close();
    this.store.close();
  }
}
