// One etcd Watch stream multiplexing many watchers, as clientv3 does: creates are answered in
// request order (etcd pairs `created` replies with creates FIFO), events are routed by watch_id,
// and a broken stream is reopened (on the next endpoint) with every watcher resumed from the
// revision after the last one it was given, so callers see no gap and no duplicate.
import type * as grpc from '@grpc/grpc-js';
import type { EtcdClient } from './etcd-client.js';
import type { WatchEventPb, WatchRequest, WatchResponse } from './etcd-messages.js';

export interface WatchTarget {
  key: Buffer;
  /** Empty/absent = the single key. */
  rangeEnd?: Buffer;
  /** First revision to deliver; 0 = from the next revision on. */
  startRevision: number;
  prevKv: boolean;
  progressNotify: boolean;
}

export interface WatchListener {
  /** All events of one or more revisions, in order; `revision` = the response header revision. */
  onEvents(events: WatchEventPb[], revision: number): void;
  /** Everything up to `revision` has been delivered (progress_notify or a progress request). */
  onProgress(revision: number): void;
  /** The start revision was compacted; the watcher is gone. */
  onCompacted(compactRevision: number, requestedRevision: number): void;
  /** Any other end: server-side cancel, or etcd unreachable for longer than the reconnect timeout. */
  onError(err: Error): void;
}

export interface WatchRegistration {
  cancel(): void;
}

interface Reg {
  target: WatchTarget;
  listener: WatchListener;
  /** Revision to resume from after a reconnect; 0 until the first created reply for from-now watchers. */
  nextRevision: number;
  id: string | null;
  closed: boolean;
}

type Stream = grpc.ClientDuplexStream<WatchRequest, WatchResponse>;

export class WatchStream {
  private stream: Stream | null = null;
  private endpoint = '';
  private pending: Reg[] = [];
  private readonly active = new Map<string, Reg>();
  /** Watchers waiting for a reconnect. */
  private detached: Reg[] = [];
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** When the stream first failed without a successful create since; bounds reconnecting. */
  private failingSince: number | null = null;
  private backoffMs = 100;
  private closed = false;

  constructor(
    private readonly client: EtcdClient,
    private readonly reconnectTimeoutMs: number,
  ) {}

  add(target: WatchTarget, listener: WatchListener): WatchRegistration {
    const reg: Reg = { target, listener, nextRevision: target.startRevision, id: null, closed: false };
    if (this.reconnectTimer) this.detached.push(reg);
    else this.create(reg);
    return { cancel: () => this.cancel(reg) };
  }

  requestProgress(): void {
    this.stream?.write({ progress_request: {} });
  }

  close(): void {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.dropStream();
  }

  private ensureStream(): Stream {
    if (this.stream) return this.stream;
    this.endpoint = this.client.activeEndpoint;
    const s = this.client.openWatchStream(this.endpoint);
    this.stream = s;
    // Handlers ignore a stream that has been replaced, so a late error from it changes nothing.
    s.on('data', (resp: WatchResponse) => {
      if (this.stream === s) this.onResponse(resp);
    });
    s.on('error', (err: grpc.ServiceError) => {
      if (this.stream === s) this.onBroken(err);
    });
    s.on('end', () => {
      if (this.stream === s) this.onBroken(new Error('etcd closed the watch stream'));
    });
    return s;
  }

  private create(reg: Reg): void {
    const t = reg.target;
    this.pending.push(reg);
    this.ensureStream().write({
      create_request: {
        key: t.key,
        range_end: t.rangeEnd ?? Buffer.alloc(0),
        start_revision: reg.nextRevision,
        prev_kv: t.prevKv,
        progress_notify: t.progressNotify,
      },
    });
  }

  private cancel(reg: Reg): void {
    if (reg.closed) return;
    reg.closed = true;
    this.detached = this.detached.filter((r) => r !== reg);
    if (reg.id !== null) {
      this.active.delete(reg.id);
      this.stream?.write({ cancel_request: { watch_id: reg.id } });
    }
    // A still-pending reg is cancelled when its created reply arrives (keeps FIFO pairing intact).
    this.closeIfIdle();
  }

  /** No watchers left: drop the stream so an idle apiserver holds no stream open. */
  private closeIfIdle(): void {
    if (this.active.size === 0 && this.pending.every((r) => r.closed) && this.detached.length === 0) {
      this.dropStream();
    }
  }

  private dropStream(): void {
    const s = this.stream;
    this.stream = null;
    this.pending = [];
    this.active.clear();
    if (s) {
      s.on('error', () => undefined); // CANCELLED from our own cancel() is expected
      s.cancel();
    }
  }

  private onResponse(resp: WatchResponse): void {
    const rev = Number(resp.header?.revision ?? 0);
    if (resp.created) {
      const reg = this.pending.shift();
      if (!reg) return;
      this.failingSince = null;
      this.backoffMs = 100;
      if (resp.canceled) {
        // Rejected outright (watch_id -1): nothing to resume.
        if (!reg.closed) reg.listener.onError(new Error(`etcd rejected the watch: ${resp.cancel_reason || 'canceled'}`));
        return;
      }
      reg.id = resp.watch_id;
      if (reg.closed) {
        this.stream?.write({ cancel_request: { watch_id: reg.id } });
        this.closeIfIdle();
        return;
      }
      this.active.set(reg.id, reg);
      // From-now watcher: the created header is its baseline; a resume must not skip past it.
      if (reg.nextRevision === 0) reg.nextRevision = rev + 1;
      return;
    }
    if (resp.watch_id === '-1') {
      // Reply to a stream-wide progress_request: etcd sends it only once every watcher is synced.
      for (const reg of this.active.values()) {
        reg.nextRevision = Math.max(reg.nextRevision, rev + 1);
        reg.listener.onProgress(rev);
      }
      return;
    }
    const reg = this.active.get(resp.watch_id);
    if (!reg) return;
    if (resp.canceled) {
      this.active.delete(resp.watch_id);
      reg.closed = true;
      const compactRev = Number(resp.compact_revision);
      if (compactRev > 0) reg.listener.onCompacted(compactRev, reg.nextRevision);
      else reg.listener.onError(new Error(`etcd canceled the watch: ${resp.cancel_reason || 'no reason given'}`));
      this.closeIfIdle();
      return;
    }
    if (resp.events.length > 0) {
      const last = resp.events[resp.events.length - 1]!;
      reg.nextRevision = Number(last.kv?.mod_revision ?? 0) + 1;
      reg.listener.onEvents(resp.events, rev);
      return;
    }
    // progress_notify: no events pending for this watcher up to the header revision.
    reg.nextRevision = Math.max(reg.nextRevision, rev + 1);
    reg.listener.onProgress(rev);
  }

  private onBroken(err: Error): void {
    const survivors = [...this.pending, ...this.active.values(), ...this.detached].filter((r) => !r.closed);
    this.stream = null;
    this.pending = [];
    this.active.clear();
    for (const r of survivors) r.id = null;
    this.detached = survivors;
    if (this.closed || survivors.length === 0) return;
    const now = Date.now();
    this.failingSince ??= now;
    if (now - this.failingSince > this.reconnectTimeoutMs) {
      this.detached = [];
      this.failingSince = null;
      for (const r of survivors) {
        r.closed = true;
        r.listener.onError(new Error(`etcd watch stream unavailable: ${err.message}`));
      }
      return;
    }
    this.client.failover(this.endpoint);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      const regs = this.detached;
      this.detached = [];
      for (const r of regs) if (!r.closed) this.create(r);
    }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, 2_000);
  }
}
