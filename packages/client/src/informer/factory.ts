// client-go's SharedInformerFactory: one informer per resource per process, so that every
// controller interested in pods shares one watch and one cache instead of opening its own.
// Controllers ask for informers while they are being built, then the process calls start() once
// and waitForCacheSync() before running workers; informers asked for after start() need another
// start() call, which only starts the new ones.
import { apiVersionOf, type KubeObject, type ResourceInfo } from '@kubelite/api';
import type { Clock } from '../clock.js';
import type { KubeClient } from '../rest/kube-client.js';
import { waitForCacheSync } from './cache-sync.js';
import { Lister } from './lister.js';
import { SharedIndexInformer, type SharedInformerOptions } from './shared-informer.js';

export interface SharedInformerFactoryOptions {
  /** resync for handlers that give none; 0 = never (client-go controllers mostly use 0 or 30 s+) */
  defaultResyncMs?: number;
  /** restrict every informer to one namespace (cluster-scoped resources ignore it) */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  clock?: Clock;
  onError?: (err: unknown, where: string) => void;
  /** passed to every informer's reflector (page size, watch timeout, back-off) */
  informerOptions?: Omit<SharedInformerOptions<KubeObject>, 'resyncPeriodMs' | 'clock' | 'onError' | 'name'>;
}

export interface InformerForOptions {
  resyncMs?: number;
}

const gvrKey = (r: ResourceInfo): string => `${r.group}/${r.version}/${r.resource}`;

export class SharedInformerFactory {
  private readonly informers = new Map<string, SharedIndexInformer<KubeObject>>();
  private readonly running = new Set<string>();
  private readonly controller = new AbortController();

  constructor(
    private readonly client: KubeClient,
    private readonly options: SharedInformerFactoryOptions = {},
  ) {}

  /** The shared informer for a resource; made on first request, the same one afterwards. */
  informerFor<T extends KubeObject = KubeObject>(info: ResourceInfo, opts: InformerForOptions = {}): SharedIndexInformer<T> {
    const key = gvrKey(info);
    const existing = this.informers.get(key);
    if (existing) return existing as unknown as SharedIndexInformer<T>;
    let rc = this.client.forResource<T>(info);
    if (this.options.namespace && info.namespaced) rc = rc.namespace(this.options.namespace);
    const informer = new SharedIndexInformer<T>(rc, {
      ...(this.options.informerOptions as Omit<SharedInformerOptions<T>, 'resyncPeriodMs'>),
      name: info.group === '' ? `${info.version}/${info.resource}` : key,
      labelSelector: this.options.labelSelector,
      fieldSelector: this.options.fieldSelector,
      resyncPeriodMs: opts.resyncMs ?? this.options.defaultResyncMs ?? 0,
      clock: this.options.clock,
      onError: this.options.onError,
    });
    this.informers.set(key, informer as unknown as SharedIndexInformer<KubeObject>);
    return informer;
  }

  forResource<T extends KubeObject = KubeObject>(group: string, version: string, resource: string, opts?: InformerForOptions): SharedIndexInformer<T> {
    return this.informerFor<T>(this.client.resource<T>(group, version, resource).info, opts);
  }

  forKind<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, opts?: InformerForOptions): SharedIndexInformer<T> {
    return this.informerFor<T>(this.client.forKind<T>(apiVersion, kind).info, opts);
  }

  /** A lister over the resource's shared cache (creating the informer if needed). */
  lister<T extends KubeObject = KubeObject>(info: ResourceInfo): Lister<T> {
    return new Lister<T>(this.informerFor<T>(info).getIndexer());
  }

  /** Starts every informer not yet running; they stop when signal aborts or on shutdown(). */
  start(signal?: AbortSignal): void {
    const stop = signal ? AbortSignal.any([signal, this.controller.signal]) : this.controller.signal;
    for (const [key, informer] of this.informers) {
      if (this.running.has(key)) continue;
      this.running.add(key);
      informer.start(stop);
    }
  }

  /** Waits for every started informer; the map says which synced (keyed `apiVersion/resource`). */
  async waitForCacheSync(signal?: AbortSignal): Promise<Map<string, boolean>> {
    const started = [...this.informers].filter(([key]) => this.running.has(key));
    await waitForCacheSync(signal, started.map(([, i]) => () => i.hasSynced()), this.options.clock);
    const out = new Map<string, boolean>();
    for (const [key, informer] of started) {
      const [group, version, resource] = key.split('/');
      out.set(`${apiVersionOf({ group: group!, version: version! })}/${resource}`, informer.hasSynced());
    }
    return out;
  }

  /** Stops every informer and waits until they have. */
  async shutdown(): Promise<void> {
    this.controller.abort();
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
  }
}
