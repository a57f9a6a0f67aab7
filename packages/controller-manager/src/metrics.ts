// The controller-manager's Prometheus metrics: per-controller sync counts and latencies and
// work-queue depth, named after client-go's workqueue metrics so dashboards read the same.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class ControllerMetrics {
  readonly registry = new Registry();
  readonly syncs: Counter<'controller' | 'result'>;
  readonly syncDuration: Histogram<'controller'>;
  readonly queueDepth: Gauge<'name'>;
  readonly retries: Counter<'name'>;
  readonly leader: Gauge;

  constructor() {
    const registers = [this.registry];
    this.syncs = new Counter({ name: 'controller_sync_total', help: 'Syncs by controller and result', labelNames: ['controller', 'result'], registers });
    this.syncDuration = new Histogram({
      name: 'controller_sync_duration_seconds',
      help: 'How long one sync(key) took',
      labelNames: ['controller'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });
    this.queueDepth = new Gauge({ name: 'workqueue_depth', help: 'Current depth of the work queue', labelNames: ['name'], registers });
    this.retries = new Counter({ name: 'workqueue_retries_total', help: 'Rate-limited re-adds', labelNames: ['name'], registers });
    this.leader = new Gauge({ name: 'leader_election_master_status', help: '1 while this instance leads', registers });
  }
}
