// kube-proxy's Prometheus metrics: the sync metrics keep upstream's names (so dashboards built
// for kube-proxy read the same); the connection metrics are kubelite's own, since upstream
// forwards in the kernel and never sees a connection.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type ConnectionResult = 'forwarded' | 'rejected' | 'dial_failed';

export class ProxyMetrics {
  readonly registry = new Registry();
  readonly syncDuration: Histogram;
  readonly lastSync: Gauge;
  readonly lastQueued: Gauge;
  readonly serviceChanges: Counter;
  readonly endpointChanges: Counter;
  readonly connections: Counter<'service_port' | 'result'>;
  readonly activeConnections: Gauge;
  readonly listeners: Gauge;
  readonly listenFailures: Counter<'service_port'>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.syncDuration = new Histogram({
      name: 'kubeproxy_sync_proxy_rules_duration_seconds',
      help: 'SyncProxyRules latency in seconds',
      // upstream: exponential buckets from 1 ms, factor 2, 15 buckets
      buckets: Array.from({ length: 15 }, (_, i) => 0.001 * 2 ** i),
      registers,
    });
    this.lastSync = new Gauge({ name: 'kubeproxy_sync_proxy_rules_last_timestamp_seconds', help: 'The last time proxy rules were successfully synced', registers });
    this.lastQueued = new Gauge({
      name: 'kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds',
      help: 'The last time a sync of proxy rules was queued',
      registers,
    });
    this.serviceChanges = new Counter({ name: 'kubeproxy_sync_proxy_rules_service_changes_total', help: 'Cumulative proxy rules Service changes', registers });
    this.endpointChanges = new Counter({ name: 'kubeproxy_sync_proxy_rules_endpoint_changes_total', help: 'Cumulative proxy rules Endpoint changes', registers });
    this.connections = new Counter({
      name: 'kubeproxy_nodeport_connections_total',
      help: 'TCP connections accepted on nodePorts, by service port and outcome (forwarded, rejected: no endpoint, dial_failed)',
      labelNames: ['service_port', 'result'],
      registers,
    });
    this.activeConnections = new Gauge({ name: 'kubeproxy_nodeport_active_connections', help: 'TCP connections being forwarded now', registers });
    this.listeners = new Gauge({ name: 'kubeproxy_nodeport_listeners', help: 'nodePort sockets open now', registers });
    this.listenFailures = new Counter({
      name: 'kubeproxy_nodeport_listen_failures_total',
      help: 'Failed attempts to open a nodePort socket (port in use, address not local, …)',
      labelNames: ['service_port'],
      registers,
    });
  }
}
