// etcdserverpb.Watch: one bidirectional stream multiplexes many watchers. Created replies go out in
// request order (clients match them FIFO); ids are per stream from 0 unless the client picks one.
import type * as grpc from '@grpc/grpc-js';
import { Watcher, type WatchHub, type WatchSink, type WatchSpec } from '../mvcc/watch-hub.js';
import { toKeyRange, type Event } from '../mvcc/types.js';
import type { WatchRequest__Output as WatchRequest } from '../gen/etcdserverpb/WatchRequest.js';
import type { WatchCreateRequest__Output as WatchCreateRequest } from '../gen/etcdserverpb/WatchCreateRequest.js';
import type { WatchResponse } from '../gen/etcdserverpb/WatchResponse.js';
import { GRPC_OVERHEAD_BYTES } from '../config.js';
import type { Rpc } from './rpc.js';

type WatchCall = grpc.ServerDuplexStream<WatchRequest, WatchResponse>;

/** Responses buffered for one stream before its watchers pause and later catch up from disk. */
const MAX_BUFFERED_RESPONSES = 1024;
const DUPLICATE_ID = 'mvcc: duplicate watch ID provided on the WatchStream';
const EMPTY_RANGE = 'mvcc: watcher range is empty';

class WatchStream implements WatchSink {
  private readonly watchers = new Map<number, Watcher>();
  private nextId = 0;
  private progressPending = false;
  private closed = false;

  constructor(
    private readonly call: WatchCall,
    private readonly hub: WatchHub,
    private readonly rpc: Rpc,
    private readonly maxResponseBytes: number,
  ) {
    call.on('data', (req: WatchRequest) => this.onRequest(req));
    call.on('end', () => {
      this.close();
      call.end();
    });
    call.on('cancelled', () => this.close());
    call.on('error', () => this.close());
  }

  private onRequest(req: WatchRequest): void {
    if (this.closed) return;
    if (req.create_request) this.create(req.create_request);
    else if (req.cancel_request) this.cancel(Number(req.cancel_request.watch_id));
    else if (req.progress_request) this.requestProgress();
  }

  private create(c: WatchCreateRequest): void {
    // An empty key watches from the start of the keyspace (etcd treats it as "\0").
    const key = c.key.length === 0 ? Buffer.from([0]) : c.key;
    const rangeEnd = c.range_end;
    const everyKeyFrom = rangeEnd.length === 1 && rangeEnd[0] === 0;
    if (rangeEnd.length > 0 && !everyKeyFrom && Buffer.compare(key, rangeEnd) >= 0) return this.refuse(EMPTY_RANGE);
    let id = Number(c.watch_id);
    if (id !== 0 && this.watchers.has(id)) return this.refuse(DUPLICATE_ID);
    if (id === 0) {
      while (this.watchers.has(this.nextId)) this.nextId++;
      id = this.nextId++;
    }
    const spec: WatchSpec = {
      range: toKeyRange(key, c.range_end),
      startRevision: Number(c.start_revision),
      prevKv: c.prev_kv,
      filters: c.filters,
      progressNotify: c.progress_notify,
      fragment: c.fragment,
    };
    const w = new Watcher(id, spec, this);
    this.watchers.set(id, w);
    this.send({ header: this.rpc.header(), watch_id: id, created: true });
    this.hub.add(w);
  }

  /** A create etcd refuses outright: no id is used up. */
  private refuse(reason: string): void {
    this.send({ header: this.rpc.header(), watch_id: -1, created: true, canceled: true, cancel_reason: reason });
  }

  private cancel(id: number): void {
    const w = this.watchers.get(id);
    if (w === undefined) return; // etcd does not answer a cancel for an unknown id
    this.hub.cancel(w);
    this.watchers.delete(id);
    this.send({ header: this.rpc.header(), watch_id: id, canceled: true });
  }

  /** Answered once every watcher on the stream has delivered everything up to now. */
  private requestProgress(): void {
    this.progressPending = true;
    this.flushProgress();
  }

  private flushProgress(): void {
    if (!this.progressPending) return;
    for (const w of this.watchers.values()) if (!w.isSynced) return;
    this.progressPending = false;
    this.send({ header: this.rpc.header(), watch_id: -1 });
  }

  // WatchSink
  events(w: Watcher, events: Event[], headerRevision: number): boolean {
    const header = this.rpc.header(headerRevision);
    if (!w.spec.fragment || events.length < 2) {
      this.send({ header, watch_id: w.id, events });
    } else {
      for (const chunk of fragments(events, this.maxResponseBytes)) {
        this.send({ header, watch_id: w.id, events: chunk.events, fragment: !chunk.last });
      }
    }
    return this.closed || this.call.writableLength < MAX_BUFFERED_RESPONSES;
  }

  drained(): Promise<void> {
    if (this.closed || this.call.writableLength < MAX_BUFFERED_RESPONSES) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.call.off('drain', done);
        this.call.off('close', done);
        resolve();
      };
      this.call.on('drain', done);
      this.call.on('close', done);
    });
  }

  compacted(w: Watcher, compactRevision: number): void {
    this.watchers.delete(w.id);
    // etcd sends this one with a header that carries no revision
    this.send({ header: this.rpc.header(0), watch_id: w.id, canceled: true, compact_revision: compactRevision });
  }

  progress(w: Watcher, headerRevision: number): void {
    this.send({ header: this.rpc.header(headerRevision), watch_id: w.id });
  }

  synced(): void {
    this.flushProgress();
  }

  private send(res: WatchResponse): void {
    if (!this.closed) this.call.write(res);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.watchers.values()) this.hub.cancel(w);
    this.watchers.clear();
  }
}

const eventSize = (e: Event): number =>
  e.kv.key.length + e.kv.value.length + (e.prev_kv ? e.prev_kv.key.length + e.prev_kv.value.length : 0) + 64;

/** Splits events so that each response stays under the limit (a single event is never split). */
function* fragments(events: Event[], limit: number): Generator<{ events: Event[]; last: boolean }> {
  let chunk: Event[] = [];
  let size = 0;
  for (let i = 0; i < events.length; i++) {
    const s = eventSize(events[i]!);
    if (chunk.length > 0 && size + s > limit) {
      yield { events: chunk, last: false };
      chunk = [];
      size = 0;
    }
    chunk.push(events[i]!);
    size += s;
  }
  yield { events: chunk, last: true };
}

export function watchService(rpc: Rpc, hub: WatchHub, maxRequestBytes: number): grpc.UntypedServiceImplementation {
  return {
    Watch: (call: WatchCall) => {
      new WatchStream(call, hub, rpc, maxRequestBytes + GRPC_OVERHEAD_BYTES);
    },
  };
}
