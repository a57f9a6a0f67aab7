// etcd-lite as a library: open the store, serve etcd's gRPC API and the metrics endpoints, and
// shut down cleanly. main.ts is a thin CLI over this; tests start it in-process.
import type * as grpc from '@grpc/grpc-js';
import { mkdirSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { KvApplier } from './apply/kv.js';
import { GRPC_OVERHEAD_BYTES, type EtcdLiteConfig } from './config.js';
import { createHttpServer } from './http/http-server.js';
import { EtcdMetrics } from './http/metrics.js';
import { loadOrCreateIdentity, type MemberIdentity } from './identity.js';
import { createLogger, type Logger } from './logger.js';
import { Committer } from './mvcc/committer.js';
import { Lessor } from './mvcc/lessor.js';
import { defaultRangeOptions } from './mvcc/range.js';
import { MvccStore } from './mvcc/store.js';
import { WatchHub } from './mvcc/watch-hub.js';
import { LevelBackend } from './storage/backend.js';
import { dbDir } from './storage/paths.js';
import { clusterService } from './server/cluster.js';
import { bind, bindAddress, createGrpcServer } from './server/grpc-server.js';
import { kvService } from './server/kv.js';
import { leaseService } from './server/lease.js';
import { maintenanceService } from './server/maintenance.js';
import { Rpc } from './server/rpc.js';
import { watchService } from './server/watch.js';


export interface ListeningAddresses {
  /** host:port per listen-client-url, with the port actually bound */
  client: string[];
  metrics: string[];
}

export class EtcdLite {
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly config: EtcdLiteConfig,
    readonly log: Logger,
    readonly identity: MemberIdentity,
    readonly store: MvccStore,
    private readonly parts: {
      backend: LevelBackend;
      committer: Committer;
      lessor: Lessor;
      hub: WatchHub;
      grpc: grpc.Server;
      http: HttpServer[];
    },
    readonly addresses: ListeningAddresses,
  ) {}

  static async start(config: EtcdLiteConfig, onFatal?: (err: unknown) => void): Promise<EtcdLite> {
    const log = config.logger ?? createLogger('etcd-lite', config.logFormat);
    mkdirSync(dbDir(config.dataDir), { recursive: true });
    const backend = await LevelBackend.open(dbDir(config.dataDir));
    const identity = await loadOrCreateIdentity(backend);
    const fatal = (err: unknown) => {
      log.fatal({ err }, 'storage failure: memory may be ahead of disk, stopping');
      if (onFatal) onFatal(err);
      else process.exit(1);
    };

    let committer: Committer | undefined;
    const lessor = new Lessor((work) => committer!.submit(work));
    const store = new MvccStore(backend, lessor);
    const hub = new WatchHub(store, backend, (err) => log.error({ err }, 'watch catch-up failed'));
    const metrics = new EtcdMetrics({
      revision: () => store.revision,
      compactRevision: () => store.compactRevision,
      dbSize: () => backend.sizeOnDisk(),
      keys: () => store.index.size,
      watchers: () => hub.watcherCount,
      slowWatchers: () => hub.unsyncedCount,
      leases: () => lessor.count,
    });
    committer = new Committer(store, backend, (committed) => hub.notify(committed), fatal, {
      onBatch: (n, s) => {
        metrics.commitBatchSize.observe(n);
        metrics.commitDuration.observe(s);
      },
    });

    const attached = await store.recover();
    await lessor.recover(backend, attached);
    lessor.start((err) => log.error({ err }, 'lease expiry failed'));
    hub.startProgressNotify(config.watchProgressNotifyIntervalMs);

    const rpc = new Rpc({ identity, metrics, log, revision: () => store.revision });
    const kv = new KvApplier(store, lessor, committer, config.maxRequestBytes);
    const server = createGrpcServer(
      {
        KV: kvService(rpc, kv),
        Watch: watchService(rpc, hub, config.maxRequestBytes),
        Lease: leaseService(rpc, lessor),
        Maintenance: maintenanceService(rpc, { store, backend, dataDir: config.dataDir }),
        Cluster: clusterService(rpc, {
          name: config.name,
          peerUrls: config.initialAdvertisePeerUrls,
          clientUrls: config.advertiseClientUrls,
        }),
      },
      config.maxRequestBytes + GRPC_OVERHEAD_BYTES,
    );
    const client: string[] = [];
    for (const url of config.listenClientUrls) {
      const address = bindAddress(url);
      const port = await bind(server, address);
      client.push(address.replace(/:\d+$/, `:${port}`));
    }

    const healthy = async () => {
      await store.range({ key: Buffer.from('health'), end: null }, defaultRangeOptions);
      return true;
    };
    const http: HttpServer[] = [];
    const metricsAddrs: string[] = [];
    for (const url of config.listenMetricsUrls) {
      const u = new URL(url);
      const srv = createHttpServer({ metrics, healthy });
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(Number(u.port || 2381), u.hostname.replace(/^\[|\]$/g, ''), () => resolve());
      });
      const addr = srv.address();
      metricsAddrs.push(typeof addr === 'object' && addr ? `${u.hostname}:${addr.port}` : url);
      http.push(srv);
    }

    log.info(
      { member: config.name, dataDir: config.dataDir, client, metrics: metricsAddrs, revision: store.revision, memberId: identity.memberId },
      'etcd-lite serving',
    );
    return new EtcdLite(config, log, identity, store, { backend, committer, lessor, hub, grpc: server, http }, {
      client,
      metrics: metricsAddrs,
    });
  }

  /** Stops accepting, lets in-flight writes commit, then closes the store. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    const { grpc: server, http, committer, lessor, hub, backend } = this.parts;
    lessor.stop();
    hub.stop();
    await new Promise<void>((resolve) => {
      // Streams (watches, keep-alives) never end on their own: cut them once unary calls had a
      // second. tryShutdown's callback does not fire after a forced shutdown, so resolve here too.
      const force = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, 1000);
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
    for (const srv of http) await new Promise<void>((r) => srv.close(() => r()));
    await committer.close();
    await backend.close();
    this.log.info('etcd-lite stopped');
  }
}
