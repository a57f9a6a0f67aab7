// The MVCC core: one store revision, per-key history, reads at any retained revision,
// compaction. Writes run one at a time inside the committer (see committer.ts); a revision becomes
// visible to readers and watchers only once it is on disk.
import { EtcdError } from '../errors.js';
import type { Backend, BatchOp } from '../storage/backend.js';
import { decodeKeyValue, historyBounds, historyKey, META_COMPACTED, parseHistoryKey } from '../storage/layout.js';
import { KeyIndex, type KeyHistory, type RevisionPointer, type ValueAt } from './key-index.js';
import { compactedDuringRead, selectAt, shape } from './range.js';
import { NO_LEASE, type KeyRange, type KeyValue, type RangeOptions, type RangeResult } from './types.js';
import { WriteTxn, type LeaseAttachments } from './write-txn.js';

export class MvccStore {
  readonly index = new KeyIndex();
  /** newest revision applied in memory (may not be durable yet) */
  private headRev = 1;
  /** newest durable revision: what readers and watchers see */
  private committedRev = 1;
  private compactedRev = 0;

  constructor(
    readonly backend: Backend,
    private readonly leases: LeaseAttachments,
  ) {}

  get revision(): number {
    return this.committedRev;
  }

  get compactRevision(): number {
    return this.compactedRev;
  }

  /** Rebuilds the index from the history on disk. Returns every live key's lease attachment. */
  async recover(): Promise<{ key: Buffer; lease: string }[]> {
    const compacted = await this.backend.get(META_COMPACTED);
    this.compactedRev = compacted === undefined ? 0 : Number(compacted.toString());
    let last = Math.max(this.compactedRev, 1);
    let gapAt = 0;
    const { gte, lt } = historyBounds(0, Number.MAX_SAFE_INTEGER);
    for await (const [k, v] of this.backend.iterate({ gte, lt })) {
      const { main, sub } = parseHistoryKey(k);
      // Past the compacted revision every revision has entries; a hole means the batches after it
      // reached the disk before an earlier one did, so none of them was acknowledged.
      if (main > last + 1 && main > this.compactedRev) {
        gapAt = last + 1;
        break;
      }
      const kv = decodeKeyValue(v);
      this.index.getOrCreate(kv.key).record(kv.version === 0 ? null : kv, main, sub);
      last = Math.max(last, main);
    }
    if (gapAt > 0) await this.dropUnacknowledged(gapAt);
    this.headRev = this.committedRev = last;
    // finish a compaction that a crash interrupted
    if (this.compactedRev > 0) await this.purgeCompacted(this.dropCompacted(this.compactedRev));
    const attached: { key: Buffer; lease: string }[] = [];
    for (const h of this.index.all()) {
      if (h.latest !== null && h.latest.lease !== NO_LEASE) attached.push({ key: h.key, lease: h.latest.lease });
    }
    return attached;
  }

  /** Deletes history from revision `from` on (see recover). */
  private async dropUnacknowledged(from: number): Promise<void> {
    const ops: BatchOp[] = [];
    for await (const [k] of this.backend.iterate(historyBounds(from, Number.MAX_SAFE_INTEGER))) ops.push({ type: 'del', key: k });
    await this.backend.batch(ops, true);
  }

  /** Checks a requested read revision (0 = current) and returns the revision to read at. */
  readRevision(requested: number): number {
    if (requested <= 0) return this.committedRev;
    if (requested > this.committedRev) throw new EtcdError('FUTURE_REV', `rev ${requested} > ${this.committedRev}`);
    if (requested < this.compactedRev) throw new EtcdError('COMPACTED', `rev ${requested} < ${this.compactedRev}`);
    return requested;
  }

  /** A Range at a committed revision. */
  range(range: KeyRange, opts: RangeOptions): Promise<RangeResult> {
    return this.rangeAt(range, opts, this.readRevision(opts.revision), this.committedRev);
  }

  /** A Range inside a write txn: sees the txn's own writes unless it asks for a revision. */
  rangeInTxn(txn: WriteTxn, range: KeyRange, opts: RangeOptions): Promise<RangeResult> {
    const head = txn.readRev;
    let rev = head;
    if (opts.revision > 0) {
      if (opts.revision > head) throw new EtcdError('FUTURE_REV');
      if (opts.revision < this.compactedRev) throw new EtcdError('COMPACTED');
      rev = opts.revision;
    }
    return this.rangeAt(range, opts, rev, head);
  }

  private async rangeAt(range: KeyRange, opts: RangeOptions, rev: number, headerRev: number): Promise<RangeResult> {
    const histories: KeyHistory[] = [];
    this.index.forRange(range, (h) => {
      histories.push(h);
    });
    const sel = selectAt(histories, rev);
    const { kvs, more } = await shape(sel, opts, (entries) => this.load(entries));
    return { kvs, more, count: sel.count, revision: headerRev };
  }

  /** Resolves index entries to values: newest ones from memory, older ones from disk. */
  async load(entries: ValueAt[]): Promise<KeyValue[]> {
    const out = new Array<KeyValue>(entries.length);
    const diskAt: number[] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.kind === 'memory') out[i] = e.kv;
      else if (e.kind === 'disk') diskAt.push(i);
    }
    if (diskAt.length > 0) {
      const keys = diskAt.map((i) => {
        const at = (entries[i] as { at: RevisionPointer }).at;
        return historyKey(at.main, at.sub);
      });
      const values = await this.backend.getMany(keys);
      values.forEach((v, j) => {
        if (v === undefined) throw compactedDuringRead();
        out[diskAt[j]!] = decodeKeyValue(v);
      });
    }
    return out;
  }

  /** The value a key had at `rev`, or null. */
  async valueAt(key: Buffer, rev: number): Promise<KeyValue | null> {
    const h = this.index.get(key);
    if (h === undefined) return null;
    const v = h.valueAt(rev);
    if (v.kind === 'absent') return null;
    const [kv] = await this.load([v]);
    return kv!;
  }

  // --- writes: called only by the committer, one at a time -------------------------------------

  beginWrite(): WriteTxn {
    return new WriteTxn(this.index, this.leases, this.headRev);
  }

  /** Makes a finished txn the new head (in memory; durable once its batch is synced). */
  endWrite(txn: WriteTxn): void {
    if (txn.changed) this.headRev = txn.rev;
  }

  get headRevision(): number {
    return this.headRev;
  }

  /** Called by the committer, in order, once every revision up to `rev` is on disk. */
  markCommitted(rev: number): void {
    this.committedRev = rev;
  }

  /**
   * Compaction, step one (inside the committer): validates, records the compacted revision and
   * drops unreachable history from the index. Returns the batch op that persists it and what to
   * purge from disk afterwards.
   */
  compact(rev: number): { persist: BatchOp; purge: RevisionPointer[][] } {
    if (rev <= this.compactedRev) throw new EtcdError('COMPACTED', `compact ${rev} <= ${this.compactedRev}`);
    if (rev > this.headRev) throw new EtcdError('FUTURE_REV', `compact ${rev} > ${this.headRev}`);
    this.compactedRev = rev;
    const persist: BatchOp = { type: 'put', key: META_COMPACTED, value: Buffer.from(String(rev)) };
    return { persist, purge: this.dropCompacted(rev) };
  }

  private dropCompacted(rev: number): RevisionPointer[][] {
    const dropped: RevisionPointer[][] = [];
    const empty: Buffer[] = [];
    for (const h of this.index.all()) {
      const gone = h.compact(rev);
      if (gone.length > 0) dropped.push(gone);
      if (h.changes.length === 0) empty.push(h.key);
    }
    for (const key of empty) this.index.remove(key);
    return dropped;
  }

  /** Compaction, step two: deletes dropped history from disk in bounded batches. */
  async purgeCompacted(dropped: RevisionPointer[][]): Promise<void> {
    let ops: BatchOp[] = [];
    for (const group of dropped) {
      for (const p of group) {
        ops.push({ type: 'del', key: historyKey(p.main, p.sub) });
        if (ops.length >= 10_000) {
          await this.backend.batch(ops, false);
          ops = [];
        }
      }
    }
    if (ops.length > 0) await this.backend.batch(ops, false);
  }
}
