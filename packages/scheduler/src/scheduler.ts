// The Scheduler: informers on pods (not Succeeded/Failed), nodes, namespaces, services,
// replicasets and statefulsets feed the cache and the queue; one profile Framework per
// schedulerName; a loop pops pods and runs scheduleOne, yielding to the event loop every few
// milliseconds so watch events and binding answers are handled; with leader election only the
// leader runs the loop (informers warm up before, as upstream).
import { setImmediate as yieldNow } from 'node:timers/promises';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { KubeObject, Node, Pod } from '@kubelite/api';
import { LeaderElector, LeaseLock, SharedInformerFactory, startComponentServer, type ComponentServer, type KubeClient, type Logger, type SharedIndexInformer } from '@kubelite/client';
import { SchedulerCache } from './cache/cache.js';
import type { SchedulerConfiguration } from './config/types.js';
import { addNodeHandlers, addPodHandlers } from './event-handlers.js';
import { EventRecorder } from './events.js';
import { FailureHandler } from './failure-handler.js';
import { buildFramework } from './framework/build.js';
import type { Framework } from './framework/runtime.js';
import { newHandle, type SelectorSources } from './handle.js';
import { SchedulerMetrics } from './metrics.js';
import { EVENTS, type ClusterEventWithHint } from './queue/cluster-event.js';
import { PodNominator } from './queue/nominator.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { NO_NODES_REJECTOR, ScheduleAlgorithm } from './schedule-algorithm.js';
import { ScheduleOne } from './schedule-one.js';

export interface SchedulerOptions {
  client: KubeClient;
  config: SchedulerConfiguration;
  logger: Logger;
  /** leader election identity; default `<hostname>_<uuid>` as upstream */
  identity?: string;
  /** serve /healthz, /readyz, /metrics here when set */
  server?: { bindAddress: string; securePort: number };
  /** ms a finished, unconfirmed assumption lives; 0 = forever (1.32) */
  assumedPodTtlMs?: number;
  /** called when leadership is lost (kube-scheduler exits) */
  onLeadershipLost?: () => void;
}

const SLICE_MS = 5;
// Bindings in flight at once: enough to hide the apiserver's latency, well under its
// --max-mutating-requests-inflight (200) and the agent's pool of reusable sockets (a socket
// beyond the pool is closed after use, and every new one costs a TLS handshake on both sides).
const MAX_BINDINGS_IN_FLIGHT = 64;
const SYNC_TIMEOUT_MS = 60_000;
const POD_FIELD_SELECTOR = 'status.phase!=Succeeded,status.phase!=Failed';

export class Scheduler {
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly metrics = new SchedulerMetrics();
  readonly profiles = new Map<string, Framework>();
  readonly events: EventRecorder;
  private readonly podFactory: SharedInformerFactory;
  private readonly factory: SharedInformerFactory;
  private readonly pods: SharedIndexInformer<Pod>;
  private readonly nodes: SharedIndexInformer<Node>;
  private readonly scheduleOne: ScheduleOne;
  private readonly stop$ = new AbortController();
  private server: ComponentServer | undefined;
  private elector: LeaderElector | undefined;
  private electing: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private leading = false;
  private synced = false;
  readonly identity: string;

  constructor(private readonly opts: SchedulerOptions) {
    const { client, config, logger } = opts;
    this.identity = opts.identity ?? `${hostname()}_${randomUUID()}`;
    this.cache = new SchedulerCache({ assumedPodTtlMs: opts.assumedPodTtlMs });
    const onError = (err: unknown, where: string): void => logger.warn({ err: err instanceof Error ? err.message : String(err) }, where);
    this.podFactory = new SharedInformerFactory(client, { fieldSelector: POD_FIELD_SELECTOR, onError });
    this.factory = new SharedInformerFactory(client, { onError });
    this.pods = this.podFactory.forResource<Pod>('', 'v1', 'pods');
    this.nodes = this.factory.forResource<Node>('', 'v1', 'nodes');
    const sources: SelectorSources = {
      namespaces: this.factory.forResource<KubeObject>('', 'v1', 'namespaces'),
      services: this.factory.forResource('', 'v1', 'services'),
      replicaSets: this.factory.forResource('apps', 'v1', 'replicasets'),
      statefulSets: this.factory.forResource('apps', 'v1', 'statefulsets'),
    };
    this.events = new EventRecorder({ client, reportingController: 'default-scheduler', logger, onDrop: () => this.metrics.eventsDropped.inc() });
    const nominator = new PodNominator();
    const handle = newHandle({ cache: this.cache, sources, nominator, client, logger, events: this.events });
    for (const p of config.profiles) this.profiles.set(p.schedulerName, buildFramework(p, { handle }));
    const first = this.profiles.values().next().value!;
    const eventsByPlugin = new Map<string, ClusterEventWithHint[]>(first.events);
    eventsByPlugin.set(NO_NODES_REJECTOR, [{ event: { resource: 'Node', actionType: EVENTS.NodeAdd.actionType } }]);
    this.queue = new SchedulingQueue({
      queueSort: first.queueSort,
      preEnqueue: first.preEnqueue,
      eventsByPlugin,
      backoff: { initialMs: config.podInitialBackoffSeconds * 1000, maxMs: config.podMaxBackoffSeconds * 1000 },
      onMove: (event, count) => this.metrics.incomingPods.inc({ queue: 'active', event }, count),
      nominator,
    });
    this.metrics.observe(this.queue, this.cache);
    const currentPod = (pod: Pod): Pod | undefined => this.pods.getIndexer().getByKey(`${pod.metadata.namespace}/${pod.metadata.name}`);
    const failures = new FailureHandler({ queue: this.queue, events: this.events, metrics: this.metrics, logger, client, currentPod });
    this.scheduleOne = new ScheduleOne({
      cache: this.cache,
      queue: this.queue,
      algorithm: new ScheduleAlgorithm(this.cache, config.percentageOfNodesToScore),
      failures,
      events: this.events,
      metrics: this.metrics,
      logger,
      currentPod,
      frameworkFor: (pod) => this.profiles.get(pod.spec.schedulerName ?? 'default-scheduler'),
    });
    const targets = { cache: this.cache, queue: this.queue, responsible: (pod: Pod) => this.profiles.has(pod.spec.schedulerName ?? 'default-scheduler') };
    addPodHandlers(this.pods, targets);
    addNodeHandlers(this.nodes, targets);
  }

  get port(): number | undefined {
    return this.server?.port;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Serves health/metrics, syncs the informers, then schedules (as leader, if electing). */
  async start(): Promise<void> {
    const { config, logger, client } = this.opts;
    if (this.opts.server) {
      this.server = await startComponentServer({
        ...this.opts.server,
        registry: this.metrics.registry,
        logger,
        checks: [
          {
            name: 'sched-handler-sync',
            check: async () => {
              if (!this.synced) throw new Error('informers not synced');
            },
          },
        ],
      });
    }
    this.podFactory.start(this.stop$.signal);
    this.factory.start(this.stop$.signal);
    const timeout = AbortSignal.any([this.stop$.signal, AbortSignal.timeout(SYNC_TIMEOUT_MS)]);
    await Promise.all([this.podFactory.waitForCacheSync(timeout), this.factory.waitForCacheSync(timeout)]);
    this.synced = this.pods.hasSynced() && this.nodes.hasSynced();
    logger.info({ nodes: this.cache.nodeCount, pending: this.queue.depths.active, synced: this.synced }, 'informers synced');
    this.queue.run();
    if (this.cacheTtlTimer === undefined && (this.opts.assumedPodTtlMs ?? 0) > 0) {
      this.cacheTtlTimer = setInterval(() => this.cache.cleanupExpiredAssumedPods(), 1000);
      this.cacheTtlTimer.unref();
    }
    const le = config.leaderElection;
    if (!le.leaderElect) {
      this.leading = true;
      this.loop = this.scheduleLoop(this.stop$.signal);
      return;
    }
    const lock = LeaseLock.forClient(client, le.resourceNamespace, le.resourceName, this.identity);
    this.elector = new LeaderElector({
      lock,
      leaseDurationMs: le.leaseDurationMs,
      renewDeadlineMs: le.renewDeadlineMs,
      retryPeriodMs: le.retryPeriodMs,
      releaseOnCancel: true,
      onError: (err, where) => logger.debug({ err: err instanceof Error ? err.message : String(err) }, where),
      callbacks: {
        onStartedLeading: (signal) => {
          logger.info({ identity: this.identity }, 'successfully acquired lease');
          this.leading = true;
          this.loop = this.scheduleLoop(signal);
          return this.loop;
        },
        onStoppedLeading: () => {
          const wasLeading = this.leading;
          this.leading = false;
          if (!this.stop$.signal.aborted && wasLeading) {
            logger.error('leaderelection lost');
            this.opts.onLeadershipLost?.();
          }
        },
        onNewLeader: (id) => logger.info({ leader: id }, 'new leader elected'),
      },
    });
    this.electing = this.elector.run(this.stop$.signal);
  }

  private cacheTtlTimer: NodeJS.Timeout | undefined;

  private async scheduleLoop(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.queue.close(), { once: true });
    let slice = performance.now();
    while (!signal.aborted) {
      const q = this.queue.tryPop() ?? (await this.queue.pop());
      if (!q || signal.aborted) break;
      this.scheduleOne.run(q);
      if (this.scheduleOne.bindingsInFlight >= MAX_BINDINGS_IN_FLIGHT) await this.scheduleOne.waitForBindings(1000, MAX_BINDINGS_IN_FLIGHT);
      // Let watch events and binding answers in: a decision must see the cluster as it is.
      if (performance.now() - slice > SLICE_MS) {
        await yieldNow();
        slice = performance.now();
      }
    }
  }

  /** Stops scheduling, lets in-flight bindings and events finish (bounded), stops informers. */
  async stop(): Promise<void> {
    this.stop$.abort();
    this.queue.close();
    if (this.cacheTtlTimer) clearInterval(this.cacheTtlTimer);
    await this.loop?.catch(() => undefined);
    await this.electing?.catch(() => undefined);
    await this.scheduleOne.waitForBindings(5000);
    await this.events.flush(2000);
    await Promise.all([this.podFactory.shutdown(), this.factory.shutdown()]);
    await this.server?.close();
  }
}
