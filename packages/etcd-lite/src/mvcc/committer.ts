// Group commit: writes queue up while the previous batch is being synced, then run one after
// another in memory and reach the disk together in one atomic, synced LevelDB batch. A write is
// acknowledged, and becomes visible to readers and watchers, only after that sync.
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

export interface CommitListener {
  /** Events of each committed revision, in revision order. */
  (committed: { revision: number; events: Event[] }[], headRevision: number): void;
}

export interface CommitterStats {
  onBatch?(txns: number, seconds: number): void;
}

/** Upper bound on one batch, so a flood of writers still gets acknowledged in steady steps. */
const MAX_BATCH = 1024;

export class Committer {
  private queue: Pending[] = [];
  private running = false;
  private closed = false;
  private idle: (() => void)[] = [];

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

  /** Stops taking writes and waits for the queued ones to be committed. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.running) await new Promise<void>((r) => this.idle.push(r));
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.commitBatch(batch);
      }
    } finally {
      this.running = false;
      for (const r of this.idle.splice(0)) r();
    }
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    const started = performance.now();
    const ops: BatchOp[] = [];
    const committed: { revision: number; events: Event[] }[] = [];
    for (const p of batch) {
      let txn: WriteTxn | undefined;
      const ctx: WriteContext = {
        txn: () => (txn ??= this.store.beginWrite()),
        persist: (op) => ops.push(op),
      };
      try {
        p.result = await p.work(ctx);
      } catch (err) {
        // Work validates before it writes, so a failed unit left nothing behind.
        if (txn?.changed) return this.fatal(err, batch);
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
    if (ops.length > 0) {
      try {
        await this.backend.batch(ops, true);
      } catch (err) {
        return this.fatal(err, batch);
      }
    }
    const head = this.store.markCommitted();
    this.stats.onBatch?.(batch.length, (performance.now() - started) / 1000);
    if (committed.length > 0) this.onCommit(committed, head);
    for (const p of batch) {
      if (p.error !== undefined) p.reject(p.error);
      else p.resolve(p.result);
    }
  }

  /** Memory is ahead of the disk and cannot be trusted: fail everything and let the server die. */
  private fatal(err: unknown, batch: Pending[]): void {
    this.closed = true;
    for (const p of [...batch, ...this.queue.splice(0)]) p.reject(new EtcdError('INTERNAL', String(err)));
    this.onFatal(err);
  }
}
