// The scheduler's Prometheus metrics, under upstream's names: attempts by result, attempt and
// end-to-end (SLI) latency histograms, queue depths, cache sizes, preemption counts.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const exponential = (start: number, factor: number, count: number): number[] => Array.from({ length: count }, (_, i) => start * factor ** i);

export interface QueueDepthSource {
  depths: { active: number; backoff: number; unschedulable: number; gated: number };
}

export interface CacheSizeSource {
  nodeCount: number;
  podCount: number;
  assumedCount: number;
}

export class SchedulerMetrics {
  readonly registry = new Registry();
  readonly attempts: Counter<'result' | 'profile'>;
  readonly attemptDuration: Histogram<'result' | 'profile'>;
  readonly sliDuration: Histogram<'attempts'>;
  readonly podAttempts: Histogram;
  readonly incomingPods: Counter<'queue' | 'event'>;
  readonly preemptionAttempts: Counter;
  readonly preemptionVictims: Histogram;
  readonly bindingErrors: Counter;
  readonly eventsDropped: Counter;
  private queue: QueueDepthSource | undefined;
  private cache: CacheSizeSource | undefined;

  constructor() {
    const registers = [this.registry];
    this.attempts = new Counter({ name: 'scheduler_schedule_attempts_total', help: 'Number of attempts to schedule pods, by the result.', labelNames: ['result', 'profile'], registers });
    this.attemptDuration = new Histogram({
      name: 'scheduler_scheduling_attempt_duration_seconds',
      help: 'Scheduling attempt latency in seconds (scheduling algorithm + binding)',
      labelNames: ['result', 'profile'],
      buckets: exponential(0.001, 2, 15),
      registers,
    });
    this.sliDuration = new Histogram({
      name: 'scheduler_pod_scheduling_sli_duration_seconds',
      help: 'E2e latency for a pod being scheduled, from the time the pod enters the scheduling queue and might involve multiple scheduling attempts.',
      labelNames: ['attempts'],
      buckets: exponential(0.01, 2, 20),
      registers,
    });
    this.podAttempts = new Histogram({ name: 'scheduler_pod_scheduling_attempts', help: 'Number of attempts to successfully schedule a pod.', buckets: exponential(1, 2, 5), registers });
    this.incomingPods = new Counter({ name: 'scheduler_queue_incoming_pods_total', help: 'Number of pods added to scheduling queues by event and queue type.', labelNames: ['queue', 'event'], registers });
    this.preemptionAttempts = new Counter({ name: 'scheduler_preemption_attempts_total', help: 'Total preemption attempts in the cluster till now', registers });
    this.preemptionVictims = new Histogram({ name: 'scheduler_preemption_victims', help: 'Number of selected preemption victims', buckets: exponential(1, 2, 7), registers });
    this.bindingErrors = new Counter({ name: 'scheduler_binding_errors_total', help: 'Bindings the apiserver refused or that failed.', registers });
    this.eventsDropped = new Counter({ name: 'scheduler_events_dropped_total', help: 'Events not written because the event queue was full.', registers });
    const self = this;
    new Gauge({
      name: 'scheduler_pending_pods',
      help: "Number of pending pods, by the queue type. 'active' means number of pods in activeQ; 'backoff' means number of pods in backoffQ; 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; 'gated' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.",
      labelNames: ['queue'],
      registers,
      collect() {
        const d = self.queue?.depths;
        if (!d) return;
        for (const [k, v] of Object.entries(d)) this.set({ queue: k }, v);
      },
    });
    new Gauge({
      name: 'scheduler_scheduler_cache_size',
      help: 'Number of nodes, pods, and assumed (bound) pods in the scheduler cache.',
      labelNames: ['type'],
      registers,
      collect() {
        const c = self.cache;
        if (!c) return;
        this.set({ type: 'nodes' }, c.nodeCount);
        this.set({ type: 'pods' }, c.podCount);
        this.set({ type: 'assumed_pods' }, c.assumedCount);
      },
    });
  }

  observe(queue: QueueDepthSource, cache: CacheSizeSource): void {
    this.queue = queue;
    this.cache = cache;
  }
}
