// ControllerManager: the library behind the kube-controller-manager binary (tests start it
// in-process). It serves /healthz and /metrics, optionally campaigns for the
// kube-system/kube-controller-manager Lease, and while leading runs the enabled controllers over
// one set of shared informers.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  KubeClient,
  LeaderElector,
  LeaseLock,
  SharedInformerFactory,
  createLogger,
  loadRestConfig,
  startComponentServer,
  type ComponentServer,
  type Logger,
} from '@kubelite/client';
import { newControllerContext } from './controller/context.js';
import { enabledControllers } from './controllers/registry.js';
import { ControllerMetrics } from './metrics.js';
import { defaultOptions, type ControllerManagerOptions } from './options.js';

export interface ControllerManagerHooks {
  /** Leadership was lost (upstream exits the process). */
  onLostLeadership?: () => void;
  logger?: Logger;
}

export class ControllerManager {
  readonly options: ControllerManagerOptions;
  readonly identity = `${hostname()}_${randomUUID()}`;
  readonly metrics = new ControllerMetrics();
  private readonly log: Logger;
  private client: KubeClient | undefined;
  private server: ComponentServer | undefined;
  private readonly stopper = new AbortController();
  private running: Promise<void> | undefined;
  private leading = false;

  constructor(
    options: Partial<ControllerManagerOptions> = {},
    private readonly hooks: ControllerManagerHooks = {},
  ) {
    this.options = { ...defaultOptions(), ...options };
    this.log = hooks.logger ?? createLogger('kube-controller-manager', this.options.logFormat, this.options.logLevel);
  }

  get isLeading(): boolean {
    return this.leading;
  }

  get port(): number | undefined {
    return this.server?.port;
  }

  async start(): Promise<void> {
    const o = this.options;
    const controllers = enabledControllers(o.controllers);
    this.client = new KubeClient(loadRestConfig({ kubeconfig: o.kubeconfig }), {
      userAgent: 'kube-controller-manager',
      qps: o.kubeApiQps,
      burst: o.kubeApiBurst,
    });
    if (o.securePort >= 0) {
      this.server = await startComponentServer({ bindAddress: o.bindAddress, securePort: o.securePort, registry: this.metrics.registry, logger: this.log });
    }
    this.log.info({ controllers: controllers.map((c) => c.name), leaderElect: o.leaderElect }, 'starting kube-controller-manager');
    this.running = o.leaderElect ? this.campaign() : this.runControllers(this.stopper.signal);
  }

  private async campaign(): Promise<void> {
    const o = this.options;
    const lock = LeaseLock.forClient(this.client!, o.leaderElectResourceNamespace, o.leaderElectResourceName, this.identity);
    const elector = new LeaderElector({
      lock,
      leaseDurationMs: o.leaderElectLeaseDurationMs,
      renewDeadlineMs: o.leaderElectRenewDeadlineMs,
      retryPeriodMs: o.leaderElectRetryPeriodMs,
      callbacks: {
        onStartedLeading: (signal) => this.runControllers(signal),
        onStoppedLeading: () => {
          if (this.stopper.signal.aborted) return;
          this.log.error('leaderelection lost');
          this.hooks.onLostLeadership?.();
        },
        onNewLeader: (id) => this.log.info({ leader: id }, 'new leader elected'),
      },
      onError: (err, where) => this.log.debug({ err: String(err), where }, 'leader election'),
    });
    await elector.run(this.stopper.signal);
  }

  private async runControllers(signal: AbortSignal): Promise<void> {
    this.leading = true;
    this.metrics.leader.set(1);
    const informers = new SharedInformerFactory(this.client!, {
      onError: (err, where) => this.log.debug({ err: String(err), where }, 'informer'),
    });
    const ctx = newControllerContext(this.client!, informers, this.log, this.metrics, this.options);
    const enabled = enabledControllers(this.options.controllers);
    const built = enabled.map((d) => ({ d, c: d.build(ctx) }));
    informers.start(signal);
    await informers.waitForCacheSync(signal);
    this.log.info('caches synced; controllers running');
    await Promise.all(built.map(({ d, c }) => c.run(d.workers(this.options), signal)));
    await informers.shutdown();
    this.leading = false;
    this.metrics.leader.set(0);
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    await this.running?.catch(() => undefined);
    await this.server?.close();
    this.client?.close();
  }
}
