// KubeProxy: the library behind the kube-proxy binary (tests start it in-process). It follows
// Services and EndpointSlices through shared informers and, on every sync, opens a TCP socket
// per nodePort on the node's addresses and forwards each connection to a ready endpoint.
// ClusterIP (and externalIP/loadBalancer IP) traffic is out of scope: upstream programs the
// kernel (iptables/nftables/ipvs) for it, which a user-space process here cannot.
import type { EndpointSlice, Node, Service } from '@kubelite/api';
import {
  EventRecorder,
  KubeClient,
  SharedInformerFactory,
  createLogger,
  loadRestConfig,
  type Logger,
} from '@kubelite/client';
import { EndpointsTracker, usableEndpoints } from './endpoints-tracker.js';
import type { ProxyError } from './errors.js';
import { ProxierHealth } from './health.js';
import { ProxyMetrics } from './metrics.js';
import { listenAddresses, parseNodePortAddresses, type NodePortCidr } from './node-addresses.js';
import { NodePortSockets, socketKey, type OpenSocket, type WantedSocket } from './nodeport-sockets.js';
import { defaultOptions, nodeName, parseHostPort, type ProxyOptions } from './options.js';
import { ServicePortProxy } from './service-port-proxy.js';
import { ServiceTracker } from './service-tracker.js';
import { startHealthServer, startMetricsServer, type StatusServer } from './status-servers.js';
import { SyncRunner } from './sync-runner.js';
import { watchNodeEligibility } from './node-eligibility.js';

/**
 * Upstream's informer selector: Services (and their slices) handed to another proxy by the
 * service.kubernetes.io/service-proxy-name label, and headless Services' slices, are not ours.
 */
export const PROXY_LABEL_SELECTOR = '!service.kubernetes.io/service-proxy-name,!service.kubernetes.io/headless';

export const FAILED_NODEPORT_REASON = 'FailedToOpenNodePort';

export interface KubeProxyHooks {
  logger?: Logger;
  /** with --bind-address-hard-fail, a nodePort that cannot be opened (upstream exits) */
  onFatal?: (err: ProxyError) => void;
}

export class KubeProxy {
  readonly options: ProxyOptions;
  readonly nodeName: string;
  readonly metrics = new ProxyMetrics();
  readonly health: ProxierHealth;
  private readonly log: Logger;
  private readonly cidrs: NodePortCidr[];
  private readonly stopper = new AbortController();
  private readonly sockets: NodePortSockets;
  private readonly proxies = new Map<string, ServicePortProxy>();
  private readonly warnedProtocols = new Set<string>();
  private client: KubeClient | undefined;
  private recorder: EventRecorder | undefined;
  private informers: SharedInformerFactory | undefined;
  private nodeInformers: SharedInformerFactory | undefined;
  private services: ServiceTracker | undefined;
  private endpoints: EndpointsTracker | undefined;
  private runner: SyncRunner | undefined;
  private healthServer: StatusServer | undefined;
  private metricsServer: StatusServer | undefined;

  constructor(
    options: Partial<ProxyOptions> = {},
    private readonly hooks: KubeProxyHooks = {},
  ) {
    this.options = { ...defaultOptions(), ...options };
    this.nodeName = nodeName(this.options);
    this.log = hooks.logger ?? createLogger('kube-proxy', this.options.logFormat, this.options.logLevel);
    // Validate every flag-like input before anything starts.
    this.cidrs = parseNodePortAddresses(this.options.nodePortAddresses);
    parseHostPort('--healthz-bind-address', this.options.healthzBindAddress, 10256);
    parseHostPort('--metrics-bind-address', this.options.metricsBindAddress, 10249);
    this.health = new ProxierHealth(2 * this.options.syncPeriodMs);
    this.sockets = new NodePortSockets({ log: this.log, metrics: this.metrics, onListenFailed: (t, err, gaveUp) => this.listenFailed(t, err, gaveUp) });
  }

  get healthzPort(): number | undefined {
    return this.healthServer?.port;
  }

  get metricsPort(): number | undefined {
    return this.metricsServer?.port;
  }

  /** The nodePort sockets open now. */
  openSockets(): OpenSocket[] {
    return this.sockets.list();
  }

  /** The proxied service ports now: id (`namespace/name:port`), nodePort and usable endpoints. */
  servicePorts(): Array<{ id: string; nodePort: number; endpoints: number }> {
    return [...this.proxies.values()].map((p) => ({ id: p.id, nodePort: p.info.nodePort, endpoints: p.endpointCount }));
  }

  /** Serves health and metrics, waits for the caches, applies the first sync. */
  async start(): Promise<void> {
    const o = this.options;
    const signal = this.stopper.signal;
    this.client = new KubeClient(loadRestConfig({ kubeconfig: o.kubeconfig }), { userAgent: 'kube-proxy', qps: o.kubeApiQps, burst: o.kubeApiBurst });
    this.recorder = new EventRecorder(this.client, 'kube-proxy', this.log, this.nodeName);
    const healthAt = parseHostPort('--healthz-bind-address', o.healthzBindAddress, 10256);
    const metricsAt = parseHostPort('--metrics-bind-address', o.metricsBindAddress, 10249);
    if (healthAt) this.healthServer = await startHealthServer(healthAt, this.health, this.log);
    if (metricsAt) this.metricsServer = await startMetricsServer(metricsAt, this.metrics.registry, this.log);
    this.log.info({ node: this.nodeName, nodePortAddresses: o.nodePortAddresses, bindAddress: o.bindAddress }, 'starting kube-proxy (nodePort forwarding; ClusterIP traffic is not proxied)');

    const onError = (err: unknown, where: string): void => this.log.debug({ err: String(err), where }, 'informer');
    this.informers = new SharedInformerFactory(this.client, { labelSelector: PROXY_LABEL_SELECTOR, defaultResyncMs: o.configSyncPeriodMs, onError });
    this.services = new ServiceTracker(this.informers.forResource<Service>('', 'v1', 'services'), () => this.changed('service'));
    this.endpoints = new EndpointsTracker(this.informers.forResource<EndpointSlice>('discovery.k8s.io', 'v1', 'endpointslices'), () => this.changed('endpoints'));
    this.nodeInformers = new SharedInformerFactory(this.client, { fieldSelector: `metadata.name=${this.nodeName}`, onError });
    watchNodeEligibility(this.nodeInformers.forResource<Node>('', 'v1', 'nodes'), this.health, this.log);
    this.runner = new SyncRunner(() => this.sync(), o.minSyncPeriodMs, o.syncPeriodMs, (err) => this.log.error({ err: String(err) }, 'sync failed'));
    this.health.queued(); // nothing is applied until the first sync
    this.informers.start(signal);
    this.nodeInformers.start(signal);
    if (!(await this.informers.waitForCacheSync(signal).then((m) => [...m.values()].every(Boolean)))) return;
    this.log.info('caches synced');
    await this.runner.start();
  }

  private changed(what: 'service' | 'endpoints'): void {
    (what === 'service' ? this.metrics.serviceChanges : this.metrics.endpointChanges).inc();
    this.metrics.lastQueued.setToCurrentTime();
    this.health.queued();
    if (this.services?.hasSynced() && this.endpoints?.hasSynced()) this.runner?.run();
  }

  /** One pass: compute every wanted nodePort socket and its endpoints, then apply. */
  private async sync(): Promise<void> {
    const end = this.metrics.syncDuration.startTimer();
    const wanted = this.wantedSockets();
    const retryInMs = await this.sockets.reconcile(wanted);
    if (retryInMs !== undefined) this.runner?.runAfter(retryInMs);
    this.health.updated();
    this.metrics.lastSync.setToCurrentTime();
    const seconds = end();
    this.log.debug({ sockets: wanted.size, servicePorts: this.proxies.size, seconds }, 'synced');
  }

  private wantedSockets(): Map<string, WantedSocket> {
    const addresses = listenAddresses(this.cidrs, this.options.bindAddress);
    const wanted = new Map<string, WantedSocket>();
    const live = new Set<string>();
    const seen = new Set<string>();
    for (const sp of this.services?.nodePorts() ?? []) {
      seen.add(sp.id);
      if (sp.protocol !== 'TCP') {
        if (!this.warnedProtocols.has(sp.id)) this.log.warn({ servicePort: sp.id, protocol: sp.protocol }, 'only TCP nodePorts are proxied; ignoring this port');
        this.warnedProtocols.add(sp.id);
        continue;
      }
      let proxy = this.proxies.get(sp.id);
      if (!proxy) this.proxies.set(sp.id, (proxy = new ServicePortProxy(sp)));
      const all = this.endpoints?.endpointsFor(sp.namespace, sp.name, sp.portName, sp.protocol) ?? [];
      proxy.update(sp, usableEndpoints(all, sp.localOnly, this.nodeName));
      live.add(sp.id);
      for (const address of addresses) {
        const key = socketKey(address, sp.nodePort);
        const other = wanted.get(key);
        if (other) this.log.error({ nodePort: sp.nodePort, servicePort: sp.id, holder: other.target.id }, 'nodePort claimed by two service ports; keeping the first');
        else wanted.set(key, { address, port: sp.nodePort, target: proxy });
      }
    }
    for (const id of this.proxies.keys()) if (!live.has(id)) this.proxies.delete(id);
    for (const id of this.warnedProtocols) if (!seen.has(id)) this.warnedProtocols.delete(id);
    return wanted;
  }

  private listenFailed(target: ServicePortProxy, err: ProxyError, gaveUp: boolean): void {
    const svc = target.info.service;
    this.log.error({ servicePort: target.id, nodePort: target.info.nodePort, gaveUp }, gaveUp ? `${err.message}; giving up until the Service changes` : `${err.message}; will retry`);
    this.recorder?.event(svc, 'Warning', FAILED_NODEPORT_REASON, err.message, 'Service');
    if (this.options.bindAddressHardFail) this.hooks.onFatal?.(err);
  }

  /** Stops watching, closes every nodePort socket, lets connections drain (bounded). */
  async stop(): Promise<void> {
    this.stopper.abort();
    await this.runner?.stop();
    await this.sockets.shutdown(this.options.shutdownDrainMs);
    await this.informers?.shutdown();
    await this.nodeInformers?.shutdown();
    await this.healthServer?.close();
    await this.metricsServer?.close();
    this.client?.close();
  }
}
