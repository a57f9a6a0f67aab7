// One probe of one container (upstream prober/worker.go): every periodSeconds it looks at the
// container's current instance and probes it when that makes sense. A new instance starts from
// the kind's initial verdict; a verdict changes only after failureThreshold failures or
// successThreshold successes in a row; after a liveness failure, or once startup has decided,
// the worker waits for the next instance. Liveness and readiness wait until the container has
// started (its startup probe succeeded); startup stops once it has.
import type { Container, Pod, Probe } from '@kubelite/api';
import type { Clock, Logger, Timer } from '@kubelite/client';
import type { ContainerRuntime } from '../runtime/types.js';
import type { Prober } from './prober.js';
import type { ProbeResults } from './results.js';
import type { ProbeKind, ProbeResult, ProbeTargetView } from './types.js';

const INITIAL: Record<ProbeKind, ProbeResult> = { readiness: 'failure', liveness: 'success', startup: 'unknown' };

export interface ProbeSettings {
  initialDelaySeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

/** The API's defaults, for probes that reach us undefaulted (static pods written by hand). */
export function probeSettings(p: Probe): ProbeSettings {
  return {
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    periodSeconds: Math.max(1, p.periodSeconds || 10),
    successThreshold: Math.max(1, p.successThreshold || 1),
    failureThreshold: Math.max(1, p.failureThreshold || 3),
  };
}

export interface WorkerDeps {
  clock: Clock;
  /** Wall time in ms since the epoch, moving with `clock` (container start times are wall times). */
  wallNow(): number;
  random(): number;
  /** clock.now() when the manager started: workers of a fresh kubelet spread their first probes. */
  startedAt: number;
  results: ProbeResults;
  prober: Prober;
  view(podUid: string, containerName: string): ProbeTargetView | undefined;
  runtimeFor(pod: Pod): ContainerRuntime;
  isStarted(podUid: string, containerName: string, containerId: string): boolean;
  onKill(pod: Pod, containerName: string, containerId: string, kind: 'liveness' | 'startup', message: string): void;
  onChange(podUid: string): void;
  /** The worker ended on its own (pod deleting, or container done for good). */
  onExit(worker: ProbeWorker): void;
  logger: Logger;
}

export class ProbeWorker {
  private readonly settings: ProbeSettings;
  private containerId?: string;
  private lastResult?: 'success' | 'failure';
  private resultRun = 0;
  private onHold = false;
  private timer?: Timer;
  private inFlight = false;
  private stopped = false;
  /** The instance the last real probe ran against, and the last one an early probe was asked for. */
  private probedId?: string;
  private earlyFor?: string;

  constructor(
    private readonly d: WorkerDeps,
    readonly pod: Pod,
    readonly container: Container,
    readonly kind: ProbeKind,
    readonly spec: Probe,
    private readonly sidecar: boolean,
    private readonly fieldPath: string,
  ) {
    this.settings = probeSettings(spec);
  }

  private get periodMs(): number {
    return this.settings.periodSeconds * 1000;
  }

  start(): void {
    // a kubelet that just (re)started would otherwise fire every probe at once
    const fresh = this.d.clock.now() - this.d.startedAt < this.periodMs;
    this.schedule(fresh ? this.d.random() * this.periodMs : 0);
  }

  /** Stops probing and forgets this worker's verdict. Safe to call more than once. */
  stop(): void {
    this.stopped = true;
    this.timer?.clear();
    if (this.containerId) this.d.results.remove(this.containerId);
  }

  /**
   * Asked for a verdict on instance `containerId` it does not have yet: probe now rather than a
   * period later (upstream's manual trigger). Once per instance, so status updates of a container
   * that keeps failing do not turn into a probe storm.
   */
  requestEarlyProbe(containerId: string): void {
    if (this.stopped || this.inFlight || this.earlyFor === containerId || this.probedId === containerId) return;
    this.earlyFor = containerId;
    this.timer?.clear();
    this.schedule(0);
  }

  private schedule(ms: number): void {
    this.timer = this.d.clock.setTimer(() => this.fire(), ms);
  }

  private fire(): void {
    if (this.stopped) return;
    this.schedule(this.periodMs);
    if (this.inFlight) return; // a slow probe is still running: skip this tick, as a Go ticker drops it
    this.inFlight = true;
    this.tick()
      .then((keepGoing) => {
        if (!keepGoing && !this.stopped) {
          this.stop();
          this.d.onExit(this);
        }
      })
      .catch((err: unknown) => this.d.logger.error({ err, container: this.container.name, probe: this.kind }, 'probe worker tick failed'))
      .finally(() => (this.inFlight = false));
  }

  private record(result: ProbeResult): void {
    if (!this.containerId) return;
    const changed = this.d.results.set(this.containerId, result);
    // readiness and started feed the pod's status; liveness acts through onKill instead
    if (changed && this.kind !== 'liveness') this.d.onChange(this.pod.metadata.uid!);
  }

  private adopt(id: string): void {
    if (this.containerId) this.d.results.remove(this.containerId);
    this.containerId = id;
    this.onHold = false;
    this.resultRun = 0;
    this.lastResult = undefined;
    this.record(INITIAL[this.kind]);
  }

  private restartsAfterExit(): boolean {
    return this.sidecar || (this.pod.spec.restartPolicy ?? 'Always') !== 'Never';
  }

  /** One tick; false ends the worker. */
  private async tick(): Promise<boolean> {
    const uid = this.pod.metadata.uid!;
    const view = this.d.view(uid, this.container.name);
    const c = view?.container;
    if (!view || !c?.id) return true; // not created yet (or already removed): wait
    if (c.id !== this.containerId) this.adopt(c.id);
    if (this.onHold) return true;
    if (c.state !== 'running') {
      this.record('failure');
      return c.state !== 'exited' || this.restartsAfterExit();
    }
    if (view.deleting && this.kind !== 'readiness') {
      // a pod shutting down is not killed for failing probes on its way out
      this.record('success');
      return false;
    }
    const runningFor = c.startedAt ? Math.trunc((this.d.wallNow() - c.startedAt.getTime()) / 1000) : Number.POSITIVE_INFINITY;
    if (runningFor < this.settings.initialDelaySeconds) return true;
    const started = this.d.isStarted(uid, this.container.name, c.id);
    if (started === (this.kind === 'startup')) return true;
    return this.probeOnce(c.id, view.podIP);
  }

  private async probeOnce(id: string, podIP: string | undefined): Promise<boolean> {
    this.probedId = id;
    const result = await this.d.prober.probe(this.kind, this.spec, {
      pod: this.pod,
      container: this.container,
      containerId: id,
      ...(podIP ? { podIP } : {}),
      runtime: () => this.d.runtimeFor(this.pod),
      fieldPath: this.fieldPath,
    });
    // stopped, replaced or errored while probing: this run says nothing about the current instance
    if (this.stopped || this.containerId !== id || result === undefined) return true;
    if (result === this.lastResult) this.resultRun++;
    else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    const threshold = result === 'failure' ? this.settings.failureThreshold : this.settings.successThreshold;
    if (this.resultRun < threshold) return true;
    this.record(result);
    if ((this.kind === 'liveness' && result === 'failure') || this.kind === 'startup') {
      this.onHold = true;
      this.resultRun = 0;
      if (result === 'failure') {
        this.d.onKill(this.pod, this.container.name, id, this.kind, `Container ${this.container.name} failed ${this.kind} probe`);
      }
    }
    return true;
  }
}
