// One write transaction against the index: every change it makes shares one new revision, with
// `sub` numbering the changes in order. Later operations see earlier ones' writes.
import type { BatchOp } from '../storage/backend.js';
import { encodeKeyValue, historyKey } from '../storage/layout.js';
import type { KeyHistory, KeyIndex } from './key-index.js';
import { EventType, NO_LEASE, type Event, type KeyRange, type KeyValue, type LeaseId } from './types.js';

/** What a write needs from the lessor: keys follow their lease so revoke/expiry can delete them. */
export interface LeaseAttachments {
  exists(id: LeaseId): boolean;
  attach(id: LeaseId, key: Buffer): void;
  detach(id: LeaseId, key: Buffer): void;
}

const EMPTY = Buffer.alloc(0);

export class WriteTxn {
  private sub = 0;
  readonly events: Event[] = [];
  readonly ops: BatchOp[] = [];

  constructor(
    private readonly index: KeyIndex,
    private readonly leases: LeaseAttachments,
    /** the store revision before this txn */
    readonly beginRev: number,
  ) {}

  /** The revision this txn writes at. */
  get rev(): number {
    return this.beginRev + 1;
  }

  get changed(): boolean {
    return this.events.length > 0;
  }

  /** The revision a read inside this txn observes (etcd: beginRev, +1 once it has written). */
  get readRev(): number {
    return this.changed ? this.rev : this.beginRev;
  }

  put(key: Buffer, value: Buffer, lease: LeaseId): KeyValue | null {
    const h = this.index.getOrCreate(key);
    const prev = h.latest;
    const rev = this.rev;
    const kv: KeyValue = {
      key: h.key,
      create_revision: prev === null ? rev : prev.create_revision,
      mod_revision: rev,
      version: prev === null ? 1 : prev.version + 1,
      value,
      lease,
    };
    if (prev !== null && prev.lease !== lease && prev.lease !== NO_LEASE) this.leases.detach(prev.lease, h.key);
    if (lease !== NO_LEASE) this.leases.attach(lease, h.key);
    this.write(kv, prev, EventType.PUT);
    h.record(kv, rev, this.sub++);
    return prev;
  }

  /** Deletes every live key in the range; returns the deleted values. */
  deleteRange(range: KeyRange): KeyValue[] {
    const live: KeyHistory[] = [];
    this.index.forRange(range, (h) => {
      if (h.latest !== null) live.push(h);
    });
    const rev = this.rev;
    const deleted: KeyValue[] = [];
    for (const h of live) {
      const prev = h.latest!;
      deleted.push(prev);
      if (prev.lease !== NO_LEASE) this.leases.detach(prev.lease, prev.key);
      const tombstone: KeyValue = { key: prev.key, create_revision: 0, mod_revision: rev, version: 0, value: EMPTY, lease: NO_LEASE };
      this.write(tombstone, prev, EventType.DELETE);
      h.record(null, rev, this.sub++);
    }
    return deleted;
  }

  private write(kv: KeyValue, prev: KeyValue | null, type: EventType): void {
    this.ops.push({ type: 'put', key: historyKey(kv.mod_revision, this.sub), value: encodeKeyValue(kv) });
    this.events.push({ type, kv, prev_kv: prev });
  }
}
