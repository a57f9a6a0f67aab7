// Watchers over the MVCC store, as etcd's watchableStore: a synced watcher gets each committed
// revision's events as it commits; an unsynced one (started in the past) first replays history
// from disk, up to 1,000 revisions per response, and joins the synced set once caught up.
import type { Backend } from '../storage/backend.js';
import { decodeKeyValue, historyBounds } from '../storage/layout.js';
import type { MvccStore } from './store.js';
import { EventType, type Event, type KeyRange } from './types.js';

export const enum WatchFilter {
  NOPUT = 0,
  NODELETE = 1,
}

export interface WatchSpec {
  range: KeyRange;
  /** first revision to deliver; 0 = the next one */
  startRevision: number;
  prevKv: boolean;
  filters: WatchFilter[];
  progressNotify: boolean;
  /** split responses larger than the request limit into fragments */
  fragment: boolean;
}

/** Where a watcher's output goes (a gRPC watch stream). */
export interface WatchSink {
  /** Sends events; false when the consumer is backed up and the watcher should pause. */
  events(w: Watcher, events: Event[], headerRevision: number): boolean;
  /** Resolves once a backed-up consumer has caught up (or the sink closed). */
  drained(): Promise<void>;
  compacted(w: Watcher, compactRevision: number): void;
  progress(w: Watcher, headerRevision: number): void;
  /** a watcher finished catching up */
  synced(w: Watcher): void;
}

const MAX_REVS_PER_RESPONSE = 1000;

export class Watcher {
  nextRev = 0;
  isSynced = false;
  canceled = false;
  private readonly noPut: boolean;
  private readonly noDelete: boolean;

  constructor(
    readonly id: number,
    readonly spec: WatchSpec,
    readonly sink: WatchSink,
  ) {
    this.noPut = spec.filters.includes(WatchFilter.NOPUT);
    this.noDelete = spec.filters.includes(WatchFilter.NODELETE);
  }

  matches(key: Buffer): boolean {
    const { key: start, end } = this.spec.range;
    if (end === null) return key.equals(start);
    if (Buffer.compare(key, start) < 0) return false;
    return end.length === 0 || Buffer.compare(key, end) < 0;
  }

  /** The events of interest to this watcher, shaped as it asked (prev_kv, filters). */
  select(events: Event[]): Event[] {
    const out: Event[] = [];
    for (const ev of events) {
      if (ev.type === EventType.PUT ? this.noPut : this.noDelete) continue;
      if (!this.matches(ev.kv.key)) continue;
      out.push(this.spec.prevKv ? ev : { type: ev.type, kv: ev.kv });
    }
    return out;
  }
}

export class WatchHub {
  private readonly synced = new Set<Watcher>();
  private readonly all = new Set<Watcher>();
  private progressTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: MvccStore,
    private readonly backend: Backend,
    private readonly onError: (err: unknown) => void,
  ) {}

  get watcherCount(): number {
    return this.all.size;
  }

  /** Watchers catching up from history: started in the past, or paused as slow consumers. */
  get unsyncedCount(): number {
    return this.all.size - this.synced.size;
  }

  /** Sends progress notifications to synced watchers that asked for them. */
  startProgressNotify(intervalMs: number): void {
    this.progressTimer = setInterval(() => {
      const rev = this.store.revision;
      for (const w of this.synced) if (w.spec.progressNotify) w.sink.progress(w, rev);
    }, intervalMs);
    this.progressTimer.unref();
  }

  stop(): void {
    clearInterval(this.progressTimer);
  }

  add(w: Watcher): void {
    this.all.add(w);
    const current = this.store.revision;
    w.nextRev = w.spec.startRevision > 0 ? w.spec.startRevision : current + 1;
    if (w.nextRev > current) {
      this.markSynced(w);
      return;
    }
    void this.catchUp(w).catch((err: unknown) => this.onError(err));
  }

  cancel(w: Watcher): void {
    w.canceled = true;
    this.all.delete(w);
    this.synced.delete(w);
  }

  /** Called by the committer with each newly committed revision's events. */
  notify(committed: { revision: number; events: Event[] }[]): void {
    if (this.synced.size === 0) return;
    for (const { revision, events } of committed) {
      for (const w of this.synced) {
        if (revision < w.nextRev) continue;
        w.nextRev = revision + 1;
        const selected = w.select(events);
        if (selected.length > 0 && !w.sink.events(w, selected, revision)) this.pause(w);
      }
    }
  }

  /**
   * A consumer that does not keep up stops getting live events (as etcd's "victim" watchers do),
   * so its buffer stays bounded; once it has drained it catches up from history on disk.
   */
  private pause(w: Watcher): void {
    this.synced.delete(w);
    w.isSynced = false;
    void w.sink
      .drained()
      .then(() => (w.canceled ? undefined : this.catchUp(w)))
      .catch((err: unknown) => this.onError(err));
  }

  private markSynced(w: Watcher): void {
    w.isSynced = true;
    this.synced.add(w);
    w.sink.synced(w);
  }

  private async catchUp(w: Watcher): Promise<void> {
    while (!w.canceled) {
      if (w.nextRev < this.store.compactRevision) {
        this.cancel(w);
        w.sink.compacted(w, this.store.compactRevision);
        return;
      }
      const to = this.store.revision;
      if (w.nextRev > to) {
        this.markSynced(w);
        return;
      }
      const until = Math.min(to, w.nextRev + MAX_REVS_PER_RESPONSE - 1);
      const events = await this.readHistory(w, w.nextRev, until);
      if (w.canceled) return;
      w.nextRev = until + 1;
      if (events.length > 0 && !w.sink.events(w, events, this.store.revision)) await w.sink.drained();
    }
  }

  /** Events in [from, to] that the watcher wants, read from disk. */
  private async readHistory(w: Watcher, from: number, to: number): Promise<Event[]> {
    const events: Event[] = [];
    for await (const [k, v] of this.backend.iterate(historyBounds(from, to + 1))) {
      const kv = decodeKeyValue(v);
      if (!w.matches(kv.key)) continue;
      const type = kv.version === 0 ? EventType.DELETE : EventType.PUT;
      events.push({ type, kv, prev_kv: null });
    }
    const selected = w.select(events);
    if (w.spec.prevKv) {
      for (const ev of selected) {
        ev.prev_kv = await this.store.valueAt(ev.kv.key, ev.kv.mod_revision - 1).catch(() => null);
      }
    }
    return selected;
  }
}
