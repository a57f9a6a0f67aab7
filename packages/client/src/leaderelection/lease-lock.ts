// The lock leader election contends for, after client-go's resourcelock.LeaseLock: a
// coordination.k8s.io/v1 Lease whose spec is the election record. Writes are PUTs of the Lease
// last read, so its resourceVersion makes every update conditional: of two candidates racing for
// an expired lease, exactly one wins and the other gets 409 Conflict.
import type { Lease, LeaseSpec } from '@kubelite/api';
import type { KubeClient } from '../rest/kube-client.js';
import type { ResourceClient } from '../rest/resource.js';
import { leaderElectionError } from './errors.js';
import { formatMicroTime, parseMicroTime } from './micro-time.js';

/** The Lease kind is @kubelite/api's; re-exported for callers of the lock. */
export type { Lease, LeaseSpec };

/** resourcelock.LeaderElectionRecord; times are epoch milliseconds. */
export interface LeaderElectionRecord {
  /** empty when nobody holds the lock (it was released) */
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime?: number;
  renewTime?: number;
  leaderTransitions: number;
}

export interface ObservedRecord {
  record: LeaderElectionRecord;
  /** a canonical encoding: equal strings mean the record has not changed */
  raw: string;
}

/** What a LeaderElector needs from a lock; LeaseLock is the real one. */
export interface ResourceLock {
  /** the current record; rejects with a NotFound ApiError when the lock object does not exist */
  get(signal?: AbortSignal): Promise<ObservedRecord>;
  create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
  /** conditional on the version last read or written (409 Conflict if someone else wrote since) */
  update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
  identity(): string;
  /** `namespace/name`, for messages */
  describe(): string;
}

export function leaseSpecToRecord(spec: LeaseSpec | undefined): LeaderElectionRecord {
  return {
    holderIdentity: spec?.holderIdentity ?? '',
    leaseDurationSeconds: spec?.leaseDurationSeconds ?? 0,
    acquireTime: spec?.acquireTime ? parseMicroTime(spec.acquireTime) : undefined,
    renewTime: spec?.renewTime ? parseMicroTime(spec.renewTime) : undefined,
    leaderTransitions: spec?.leaseTransitions ?? 0,
  };
}

export function recordToLeaseSpec(r: LeaderElectionRecord): LeaseSpec {
  return {
    holderIdentity: r.holderIdentity,
    leaseDurationSeconds: r.leaseDurationSeconds,
    acquireTime: r.acquireTime === undefined ? undefined : formatMicroTime(r.acquireTime),
    renewTime: r.renewTime === undefined ? undefined : formatMicroTime(r.renewTime),
    leaseTransitions: r.leaderTransitions,
  };
}

export interface LeaseLockOptions {
  /** labels put on the Lease when this lock creates it */
  labels?: Record<string, string>;
}

export class LeaseLock implements ResourceLock {
  private lease: Lease | undefined;

  constructor(
    private readonly leases: ResourceClient<Lease>,
    readonly namespace: string,
    readonly name: string,
    private readonly id: string,
    private readonly options: LeaseLockOptions = {},
  ) {}

  /** The lock `namespace/name` through a KubeClient's coordination.k8s.io/v1 leases. */
  static forClient(client: KubeClient, namespace: string, name: string, identity: string, options?: LeaseLockOptions): LeaseLock {
    const leases = client.resource<Lease>('coordination.k8s.io', 'v1', 'leases').namespace(namespace);
    return new LeaseLock(leases, namespace, name, identity, options);
  }

  async get(signal?: AbortSignal): Promise<ObservedRecord> {
    this.lease = await this.leases.get(this.name, { signal });
    const record = leaseSpecToRecord(this.lease.spec);
    return { record, raw: JSON.stringify(recordToLeaseSpec(record)) };
  }

  async create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace, ...(this.options.labels ? { labels: this.options.labels } : {}) },
      spec: recordToLeaseSpec(record),
    };
    this.lease = await this.leases.create(lease, { signal });
  }

  async update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    if (!this.lease) throw leaderElectionError('LOCK_NOT_READ', this.describe());
    const next: Lease = { ...this.lease, spec: { ...this.lease.spec, ...recordToLeaseSpec(record) } };
    this.lease = await this.leases.update(next, { signal });
  }

  identity(): string {
    return this.id;
  }

  describe(): string {
    return `${this.namespace}/${this.name}`;
  }
}
