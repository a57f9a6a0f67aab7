// Group commit: writes queue up, run one after another in memory, and reach the disk together in
// one atomic, synced LevelDB batch. Up to MAX_IN_FLIGHT batches are on their way to disk at once
// (LevelDB merges queued synced writes into one fsync), but batches are acknowledged, and become
// visible to readers and watchers, strictly in revision order and only once on disk. A later batch
// that reached the disk before an earlier one was never acknowledged; recovery drops it (store.ts).
import { EtcdError } from '../errors.js';
import type { Backend, BatchOp } from '../storage/backend.js';
import type { MvccStore } from './store.js';
import type { Event } from './types.js';
import type { WriteTxn } from './write-txn.js';

/** What a unit of work may do: one MVCC write txn, plus backend ops of its own (lease records). */
export interface WriteContext {
  txn(): WriteTxn;
  persist(op: BatchOp): void;
}

type Work<T> = (ctx: WriteContext) => T | Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  result?: unknown;
  error?: unknown;
}

export interface CommittedRevision {
  revision: number;
  events: Event[];
}

export interface CommitListener {
  /** Events of each newly committed revision, in revision order. */
  (committed: CommittedRevision[]): void;
}

export interface CommitterStats {
  onBatch?(txns: number, seconds: number): void;
}

/** Upper bound on one batch, so a flood of writers still gets acknowledged in steady steps. */
const MAX_BATCH = 1024;
/** Batches allowed on their way to disk at once. */
const MAX_IN_FLIGHT = 2;

interface Prepared {
  batch: Pending[];
  committed: CommittedRevision[];
  /** the store's head revision once this batch is applied */
  head: number;
  written: Promise<void>;
  started: number;
}

export class Committer {
  private queue: Pending[] = [];
  private running = false;
  private closed = false;
  private failed = false;
  private inFlight = 0;
  /** resolves when every batch handed to the disk so far is acknowledged */
  private tail: Promise<void> = Promise.resolve();
  private slotFreed: (() => void) | undefined;

  constructor(
    private readonly store: MvccStore,
    private readonly backend: Backend,
    private readonly onCommit: CommitListener,
    private readonly onFatal: (err: unknown) => void,
    private readonly stats: CommitterStats = {},
  ) {}

  submit<T>(work: Work<T>): Promise<T> {
    if (this.closed) return Promise.reject(new EtcdError('STOPPING'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) void this.run();
    });
  }

  /** Stops taking writes and waits until the queued ones are committed. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running || this.inFlight > 0) {
      await this.tail;
      if (this.running) await new Promise((r) => setImmediate(r));
    }
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        if (this.inFlight >= MAX_IN_FLIGHT) {
          await new Promise<void>((r) => (this.slotFreed = r));
          continue;
        }
        const prepared = await this.prepare(this.queue.splice(0, MAX_BATCH));
        if (prepared === null) return;
        this.inFlight++;
        const previous = this.tail;
        this.tail = Promise.all([previous, prepared.written]).then(
          () => this.acknowledge(prepared),
          (err: unknown) => {
            this.inFlight--;
            this.fatal(err, prepared.batch);
          },
        );
      }
    } finally {
      this.running = false;
    }
  }

  /** Runs a batch's work in memory and hands its writes to the disk. */
  private async prepare(batch: Pending[]): Promise<Prepared | null> {
    const started = performance.now();
    const ops: BatchOp[] = [];
    const committed: CommittedRevision[] = [];
    for (const p of batch) {
      let txn: WriteTxn | undefined;
      const ctx: WriteContext = {
        txn: () => (txn ??= this.store.beginWrite()),
        persist: (op) => ops.push(op),
      };
      try {
        p.result = await p.work(ctx);
      } catch (err) {
        // Work validates before it writes, so a failed unit leaves nothing behind...
        if (txn?.changed) {
          // ...unless it failed half-way: memory can no longer be trusted.
          this.fatal(err, batch);
          return null;
        }
        p.error = err;
        continue;
      }
      if (txn !== undefined) {
        this.store.endWrite(txn);
        if (txn.changed) {
          for (const op of txn.ops) ops.push(op);
          committed.push({ revision: txn.rev, events: txn.events });
        }
      }
    }
    const written = ops.length > 0 ? this.backend.batch(ops, true) : Promise.resolve();
    return { batch, committed, head: this.store.headRevision, written, started };
  }

  private acknowledge(p: Prepared): void {
    this.inFlight--;
    if (this.failed) {
      for (const item of p.batch) item.reject(new EtcdError('INTERNAL', 'an earlier batch failed to reach the disk'));
      return;
    }
    this.store.markCommitted(p.head);
    this.stats.onBatch?.(p.batch.length, (performance.now() - p.started) / 1000);
    if (p.committed.length > 0) this.onCommit(p.committed);
    for (const item of p.batch) {
      if (item.error !== undefined) item.reject(item.error);
      else item.resolve(item.result);
    }
    const freed = this.slotFreed;
    this.slotFreed = undefined;
    freed?.();
  }

  /** Memory is ahead of the disk and cannot be trusted: fail everything and let the server die. */
  private fatal(err: unknown, batch: Pending[]): void {
    const first = !this.failed;
    this.failed = true;
    this.closed = true;
    for (const p of [...batch, ...this.queue.splice(0)]) p.reject(new EtcdError('INTERNAL', String(err)));
    if (first) this.onFatal(err);
  }
}
