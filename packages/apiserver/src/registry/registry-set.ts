// One Registry per served resource, each with its strategy, its watch cache and its hooks.
import { coreEventToV1, eventsV1ToCore, RESOURCES, type CoreEventShape, type EventsV1Event, type ResourceInfo } from '@kubelite/api';
import type { AdmissionChain } from '../admission/types.js';
import type { ObjectStore, StoredObject } from '../storage/index.js';
import { convertingStore } from './converting-store.js';
import { Registry, type ResourceHooks, type WatchSource } from './generic.js';
import { strategyFor } from './strategies/index.js';

/** Kubernetes' --event-ttl default: events expire an hour after their last write. */
export const EVENT_TTL_SECONDS = 3600;

export interface RegistrySetOptions {
  store: ObjectStore;
  admission: AdmissionChain;
  /** The watch source for a resource (its cacher, over storeFor(r)); none → watches go to the store. */
  watchSourceFor?: (r: ResourceInfo, store: ObjectStore) => WatchSource | undefined;
  hooksFor?: (r: ResourceInfo) => ResourceHooks | undefined;
}

/**
 * The store a resource reads and writes through: the store itself, or a converting view for a
 * resource that shares another's storage (events.k8s.io Events are stored as core Events).
 */
function storeFor(store: ObjectStore, r: ResourceInfo): ObjectStore {
  if (r.group !== 'events.k8s.io' || r.resource !== 'events') return store;
  return convertingStore(store, {
    toStorage: (o) => eventsV1ToCore(o as unknown as EventsV1Event) as unknown as StoredObject,
    fromStorage: (o) => coreEventToV1(o as unknown as CoreEventShape) as unknown as StoredObject,
  });
}

const idOf = (group: string, version: string, resource: string): string => `${group}/${version}/${resource}`;

export class RegistrySet {
  private readonly byId = new Map<string, Registry>();

  constructor(opts: RegistrySetOptions, resources: readonly ResourceInfo[] = RESOURCES) {
    for (const r of resources) {
      const store = storeFor(opts.store, r);
      const source = opts.watchSourceFor?.(r, store);
      const hooks = opts.hooksFor?.(r);
      const reg = new Registry(r, strategyFor(r.group, r.resource), {
        store,
        admission: opts.admission,
        ...(source ? { watchSource: source } : {}),
        ...(hooks ? { hooks } : {}),
        ...(r.kind === 'Event' ? { ttlSeconds: EVENT_TTL_SECONDS } : {}),
      });
      this.byId.set(idOf(r.group, r.version, r.resource), reg);
    }
  }

  get(group: string, version: string, resource: string): Registry | undefined {
    return this.byId.get(idOf(group, version, resource));
  }

  all(): Registry[] {
    return [...this.byId.values()];
  }
}
