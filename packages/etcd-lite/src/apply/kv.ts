// The KV application layer (etcd's apply.go): Range, Put, DeleteRange, Txn and Compact on the
// MVCC store. Writes run inside the committer; reads and read-only txns are served at the
// committed revision without queueing behind writes.
import { EtcdError } from '../errors.js';
import type { Committer, WriteContext } from '../mvcc/committer.js';
import type { Lessor } from '../mvcc/lessor.js';
import { defaultRangeOptions } from '../mvcc/range.js';
import type { MvccStore } from '../mvcc/store.js';
import { NO_LEASE, toKeyRange, type KeyRange, type KeyValue, type RangeOptions, type RangeResult } from '../mvcc/types.js';
import type { WriteTxn } from '../mvcc/write-txn.js';
import { evaluateCompare } from './compare.js';
import { checkDeleteRange, checkPut, checkRange, checkTxn, isReadOnlyTxn } from './validate.js';
import type * as w from './wire.js';

export function rangeOptions(r: w.RangeRequest): RangeOptions {
  return {
    limit: Number(r.limit),
    revision: Number(r.revision),
    sortOrder: r.sort_order,
    sortTarget: r.sort_target,
    keysOnly: r.keys_only,
    countOnly: r.count_only,
    minModRevision: Number(r.min_mod_revision),
    maxModRevision: Number(r.max_mod_revision),
    minCreateRevision: Number(r.min_create_revision),
    maxCreateRevision: Number(r.max_create_revision),
  };
}

const rangeResponse = (r: RangeResult): w.RangeResponse => ({
  header: { revision: r.revision },
  kvs: r.kvs,
  more: r.more,
  count: r.count,
});

/** How a txn reads: at the committed revision (read-only txns) or at the write txn's head. */
interface TxnView {
  kvsIn(range: KeyRange): Promise<KeyValue[]>;
  range(range: KeyRange, opts: RangeOptions): Promise<RangeResult>;
  /** revision of the view, for checking a range's requested revision */
  readonly rev: number;
}

/** The branch each txn (and nested txn) takes, decided before anything is written. */
interface TxnPath {
  succeeded: boolean;
  nested: TxnPath[];
}

export class KvApplier {
  constructor(
    private readonly store: MvccStore,
    private readonly lessor: Lessor,
    private readonly committer: Committer,
    private readonly maxRequestBytes: number,
  ) {}

  /** etcd refuses a write whose encoded request exceeds --max-request-bytes (after validation). */
  private checkSize(size: number): void {
    if (size > this.maxRequestBytes) throw new EtcdError('REQUEST_TOO_LARGE', `${size} bytes`);
  }

  async range(req: w.RangeRequest): Promise<w.RangeResponse> {
    checkRange(req);
    return rangeResponse(await this.store.range(toKeyRange(req.key, req.range_end), rangeOptions(req)));
  }

  put(req: w.PutRequest, size = 0): Promise<w.PutResponse> {
    checkPut(req);
    this.checkSize(size);
    return this.committer.submit((ctx) => {
      this.checkPutPreconditions(req);
      return this.applyPut(ctx.txn(), req);
    });
  }

  deleteRange(req: w.DeleteRangeRequest, size = 0): Promise<w.DeleteRangeResponse> {
    checkDeleteRange(req);
    this.checkSize(size);
    return this.committer.submit((ctx) => this.applyDelete(ctx.txn(), req));
  }

  async txn(req: w.TxnRequest, size = 0): Promise<w.TxnResponse> {
    checkTxn(req);
    if (isReadOnlyTxn(req)) return this.readOnlyTxn(req);
    this.checkSize(size);
    return this.committer.submit((ctx) => this.writeTxn(ctx, req));
  }

  async compact(req: w.CompactionRequest): Promise<{ header: w.ResponseHeader }> {
    const rev = Number(req.revision);
    const purge = await this.committer.submit((ctx) => {
      const { persist, purge } = this.store.compact(rev);
      ctx.persist(persist);
      return purge;
    });
    const physical = this.store.purgeCompacted(purge);
    if (req.physical) await physical;
    else void physical.catch(() => undefined); // a crash mid-purge is finished at the next start
    return { header: { revision: this.store.revision } };
  }

  // --- txn ------------------------------------------------------------------------------------

  private async readOnlyTxn(req: w.TxnRequest): Promise<w.TxnResponse> {
    const rev = this.store.revision;
    const view: TxnView = {
      rev,
      kvsIn: async (range) => (await this.store.range(range, { ...defaultRangeOptions, revision: rev })).kvs,
      range: (range, opts) => this.store.range(range, opts.revision > 0 ? opts : { ...opts, revision: rev }),
    };
    const path = await this.decide(req, view);
    const resp = await this.execute(req, path, view, null);
    resp.header = { revision: rev };
    return resp;
  }

  private async writeTxn(ctx: WriteContext, req: w.TxnRequest): Promise<w.TxnResponse> {
    const txn = ctx.txn();
    const view: TxnView = {
      get rev() {
        return txn.readRev;
      },
      kvsIn: async (range) => (await this.store.rangeInTxn(txn, range, defaultRangeOptions)).kvs,
      range: (range, opts) => this.store.rangeInTxn(txn, range, opts),
    };
    const path = await this.decide(req, view);
    this.checkPath(req, path, view);
    const resp = await this.execute(req, path, view, txn);
    resp.header = { revision: txn.readRev };
    return resp;
  }

  /** Evaluates every compare on the path up front, as etcd does, against the state at txn start. */
  private async decide(req: w.TxnRequest, view: TxnView): Promise<TxnPath> {
    let succeeded = true;
    for (const c of req.compare) {
      if (!evaluateCompare(c, await view.kvsIn(toKeyRange(c.key, c.range_end)))) {
        succeeded = false;
        break;
      }
    }
    const nested: TxnPath[] = [];
    for (const op of succeeded ? req.success : req.failure) {
      if (op.request_txn) nested.push(await this.decide(op.request_txn, view));
    }
    return { succeeded, nested };
  }

  /** Preconditions of the ops on the path; failing any fails the txn before it writes. */
  private checkPath(req: w.TxnRequest, path: TxnPath, view: TxnView): void {
    let n = 0;
    for (const op of path.succeeded ? req.success : req.failure) {
      if (op.request_put) this.checkPutPreconditions(op.request_put);
      else if (op.request_range) this.checkReadRevision(Number(op.request_range.revision), view.rev);
      else if (op.request_txn) this.checkPath(op.request_txn, path.nested[n++]!, view);
    }
  }

  private async execute(req: w.TxnRequest, path: TxnPath, view: TxnView, txn: WriteTxn | null): Promise<w.TxnResponse> {
    const responses: w.ResponseOp[] = [];
    let n = 0;
    for (const op of path.succeeded ? req.success : req.failure) {
      if (op.request_range) {
        const r = op.request_range;
        const opts = rangeOptions(r);
        responses.push({ response_range: rangeResponse(await view.range(toKeyRange(r.key, r.range_end), opts)) });
      } else if (op.request_put && txn) {
        responses.push({ response_put: this.applyPut(txn, op.request_put) });
      } else if (op.request_delete_range && txn) {
        responses.push({ response_delete_range: this.applyDelete(txn, op.request_delete_range) });
      } else if (op.request_txn) {
        const nested = await this.execute(op.request_txn, path.nested[n++]!, view, txn);
        nested.header = {}; // etcd fills only the outermost txn header
        responses.push({ response_txn: nested });
      }
    }
    return { succeeded: path.succeeded, responses };
  }

  // --- single ops (inside the committer) ------------------------------------------------------

  private checkPutPreconditions(req: w.PutRequest): void {
    if (req.lease !== NO_LEASE && !this.lessor.exists(req.lease)) throw new EtcdError('LEASE_NOT_FOUND');
    if ((req.ignore_value || req.ignore_lease) && !this.store.index.get(req.key)?.latest) {
      throw new EtcdError('KEY_NOT_FOUND');
    }
  }

  private checkReadRevision(rev: number, head: number): void {
    if (rev > head) throw new EtcdError('FUTURE_REV');
    if (rev > 0 && rev < this.store.compactRevision) throw new EtcdError('COMPACTED');
  }

  private applyPut(txn: WriteTxn, req: w.PutRequest): w.PutResponse {
    const keeps = req.ignore_value || req.ignore_lease;
    const existing = keeps ? (this.store.index.get(req.key)?.latest ?? null) : null;
    const value = req.ignore_value && existing ? existing.value : req.value;
    const lease = req.ignore_lease && existing ? existing.lease : req.lease;
    const prev = txn.put(req.key, value, lease);
    return { header: { revision: txn.rev }, ...(req.prev_kv && prev ? { prev_kv: prev } : {}) };
  }

  private applyDelete(txn: WriteTxn, req: w.DeleteRangeRequest): w.DeleteRangeResponse {
    const deleted = txn.deleteRange(toKeyRange(req.key, req.range_end));
    return {
      header: { revision: txn.readRev },
      deleted: deleted.length,
      ...(req.prev_kv ? { prev_kvs: deleted } : {}),
    };
  }
}
