// Prometheus metrics, named as etcd names them where etcd has the same metric, so existing
// dashboards and alerts read etcd-lite as they read etcd.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricSources {
  revision(): number;
  compactRevision(): number;
  dbSize(): Promise<number>;
  keys(): number;
  watchers(): number;
  slowWatchers(): number;
  leases(): number;
}

export class EtcdMetrics {
  readonly registry = new Registry();
  readonly handled: Counter<'grpc_type' | 'grpc_service' | 'grpc_method' | 'grpc_code'>;
  readonly handling: Histogram<'grpc_type' | 'grpc_service' | 'grpc_method'>;
  readonly commitDuration: Histogram;
  readonly commitBatchSize: Histogram;

  constructor(src: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.handled = new Counter({
      name: 'grpc_server_handled_total',
      help: 'Total number of RPCs completed on the server, regardless of success or failure.',
      labelNames: ['grpc_type', 'grpc_service', 'grpc_method', 'grpc_code'],
      registers,
    });
    this.handling = new Histogram({
      name: 'grpc_server_handling_seconds',
      help: 'Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.',
      labelNames: ['grpc_type', 'grpc_service', 'grpc_method'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.commitDuration = new Histogram({
      name: 'etcd_disk_backend_commit_duration_seconds',
      help: 'The latency distributions of commit called by backend (one group commit, fsync included).',
      buckets: [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096, 8.192],
      registers,
    });
    this.commitBatchSize = new Histogram({
      name: 'etcd_lite_commit_batch_transactions',
      help: 'How many write transactions one group commit carried to disk.',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      registers,
    });
    const gauge = (name: string, help: string, read: () => number | Promise<number>) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          this.set(await read());
        },
      });
    gauge('etcd_debugging_mvcc_current_revision', 'The current revision of store.', src.revision);
    gauge('etcd_debugging_mvcc_compact_revision', 'The revision of the last compaction in store.', src.compactRevision);
    gauge('etcd_mvcc_db_total_size_in_bytes', 'Total size of the underlying database physically allocated in bytes.', src.dbSize);
    gauge('etcd_debugging_mvcc_keys_total', 'Total number of keys in the index, deleted ones until compaction.', src.keys);
    gauge('etcd_debugging_mvcc_watcher_total', 'Total number of watchers.', src.watchers);
    gauge('etcd_debugging_mvcc_slow_watcher_total', 'Total number of unsynced slow watchers.', src.slowWatchers);
    gauge('etcd_lite_leases', 'Number of live leases.', src.leases);
    gauge('etcd_server_has_leader', 'Whether or not a leader exists. 1 is existence, 0 is not.', () => 1);
    gauge('etcd_server_is_leader', 'Whether or not this member is a leader. 1 if is, 0 otherwise.', () => 1);
  }
}
