// The prober manager (upstream prober_manager.go): one worker per container and probe kind of
// every pod the kubelet runs, probing regular containers and sidecars; it answers the status
// generator's two questions — has this container started, is it ready — from their verdicts.
import type { Container, Pod } from '@kubelite/api';
import { realClock, type Clock, type Logger } from '@kubelite/client';
import type { ContainerRuntime } from '../runtime/types.js';
import { Prober, containerFieldPath, type EventRecorder } from './prober.js';
import { ProbeResults } from './results.js';
import type { ProbeKind, ProbeTargetView } from './types.js';
import { ProbeWorker, type WorkerDeps } from './worker.js';

export type { ProbeKind, ProbeResult, ProbeTargetView } from './types.js';

export interface ProberManagerOptions {
  /** The pod's runtime, for exec probes. */
  runtimeFor(pod: Pod): ContainerRuntime;
  /** What a worker reads each tick; undefined while the kubelet knows nothing of the pod. */
  view(podUid: string, containerName: string): ProbeTargetView | undefined;
  /** Liveness/startup failed past the threshold: the kubelet kills the container (restart per policy). */
  onKill(pod: Pod, containerName: string, containerId: string, kind: 'liveness' | 'startup', message: string): void;
  /** A readiness/started verdict changed: the kubelet regenerates the pod's status at once. */
  onChange(podUid: string): void;
  recordEvent: EventRecorder;
  clock?: Clock;
  /** The first-tick jitter's random source (Math.random). */
  random?: () => number;
  logger: Logger;
}

const KINDS: readonly ProbeKind[] = ['startup', 'readiness', 'liveness'];

function probeOf(c: Container, kind: ProbeKind) {
  return kind === 'startup' ? c.startupProbe : kind === 'readiness' ? c.readinessProbe : c.livenessProbe;
}

export class ProberManager {
  /** pod uid → `<container>/<kind>` → worker. */
  private readonly pods = new Map<string, Map<string, ProbeWorker>>();
  private readonly results: Record<ProbeKind, ProbeResults> = {
    startup: new ProbeResults(),
    readiness: new ProbeResults(),
    liveness: new ProbeResults(),
  };
  private readonly deps: Omit<WorkerDeps, 'results'>;

  constructor(private readonly options: ProberManagerOptions) {
    const clock = options.clock ?? realClock;
    const clockBase = clock.now();
    const wallBase = Date.now();
    this.deps = {
      clock,
      wallNow: () => wallBase + (clock.now() - clockBase),
      random: options.random ?? Math.random,
      startedAt: clockBase,
      prober: new Prober(options.recordEvent, options.logger),
      view: options.view,
      runtimeFor: options.runtimeFor,
      isStarted: (uid, name, id) => this.isStarted(uid, name, id),
      onKill: options.onKill,
      onChange: options.onChange,
      onExit: (w) => this.forget(w),
      logger: options.logger,
    };
  }

  /** Starts a worker for every probe the pod's containers and sidecars define; idempotent. */
  addPod(pod: Pod): void {
    const uid = pod.metadata.uid;
    if (!uid) return;
    const workers = this.pods.get(uid) ?? new Map<string, ProbeWorker>();
    this.pods.set(uid, workers);
    const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
    const targets = [...pod.spec.containers.map((c) => ({ c, init: false })), ...sidecars.map((c) => ({ c, init: true }))];
    for (const { c, init } of targets) {
      for (const kind of KINDS) {
        const spec = probeOf(c, kind);
        const key = `${c.name}/${kind}`;
        if (!spec || workers.has(key)) continue;
        const worker = new ProbeWorker({ ...this.deps, results: this.results[kind] }, pod, c, kind, spec, init, containerFieldPath(c, init));
        workers.set(key, worker);
        worker.start();
      }
    }
    if (workers.size === 0) this.pods.delete(uid);
  }

  removePod(podUid: string): void {
    for (const w of this.pods.get(podUid)?.values() ?? []) w.stop();
    this.pods.delete(podUid);
  }

  stop(): void {
    for (const uid of [...this.pods.keys()]) this.removePod(uid);
  }

  /** Number of running workers (for tests and metrics). */
  get workerCount(): number {
    let n = 0;
    for (const workers of this.pods.values()) n += workers.size;
    return n;
  }

  private worker(podUid: string, containerName: string, kind: ProbeKind): ProbeWorker | undefined {
    return this.pods.get(podUid)?.get(`${containerName}/${kind}`);
  }

  private forget(w: ProbeWorker): void {
    const uid = w.pod.metadata.uid!;
    const workers = this.pods.get(uid);
    const key = `${w.container.name}/${w.kind}`;
    if (workers?.get(key) !== w) return;
    workers.delete(key);
    if (workers.size === 0) this.pods.delete(uid);
  }

  // The view, when it knows this instance, has the last word on whether it is running.
  private knownNotRunning(podUid: string, containerName: string, containerId: string): boolean {
    const c = this.options.view(podUid, containerName)?.container;
    return c?.id === containerId && c.state !== 'running';
  }

  /** Started: running, and its startup probe (if any) has succeeded. `containerId` is the raw runtime id. */
  isStarted(podUid: string, containerName: string, containerId: string): boolean {
    if (this.knownNotRunning(podUid, containerName, containerId)) return false;
    const verdict = this.results.startup.get(containerId);
    if (verdict !== undefined) return verdict === 'success';
    // a startup probe that has not run yet: not started
    return this.worker(podUid, containerName, 'startup') === undefined;
  }

  /** Ready: started, and its readiness probe (if any) has succeeded; with no readiness probe, ready once started. */
  isReady(podUid: string, containerName: string, containerId: string): boolean {
    if (!this.isStarted(podUid, containerName, containerId)) return false;
    if (this.results.readiness.get(containerId) === 'success') return true;
    const w = this.worker(podUid, containerName, 'readiness');
    if (!w) return true;
    w.requestEarlyProbe(containerId);
    return false;
  }
}
