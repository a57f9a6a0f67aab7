// The consumer side of a storage watch: events pushed by the etcd watch stream are buffered here
// and read with `for await`. The etcd stream is shared by every watcher, so one slow consumer
// cannot be back-pressured through it; instead the buffer is bounded and a watcher that falls too
// far behind is ended with an ERROR (clients re-watch from their last resourceVersion), as the
// Kubernetes cacher terminates blocked watchers.
import { statusObject } from './codec.js';
import { StorageError } from './errors.js';
import type { WatchEvent, Watcher } from './interfaces.js';

export class EventQueue implements Watcher {
  private buf: WatchEvent[] = [];
  private wake: (() => void) | null = null;
  private done = false;
  private closedHook: (() => void) | null;
  /** Revision of the last event pushed; ERROR events report it so a client knows where it stood. */
  private lastRevision = '';

  constructor(
    onClose: () => void,
    private readonly maxBuffered = 10_000,
  ) {
    this.closedHook = onClose;
  }

  get ended(): boolean {
    return this.done;
  }

  push(ev: WatchEvent): void {
    if (this.done) return;
    if (this.buf.length >= this.maxBuffered) {
      this.fail(new StorageError('Unavailable', 'watcher fell too far behind; re-watch from the last resourceVersion'));
      return;
    }
    this.lastRevision = ev.resourceVersion;
    this.buf.push(ev);
    this.notify();
  }

  /** Delivers an ERROR event (even past the buffer bound) and ends the watch. */
  fail(err: Error): void {
    if (this.done) return;
    this.buf.push({ type: 'ERROR', object: statusObject(err), resourceVersion: this.lastRevision, error: err });
    this.finish();
  }

  /** The producer is done (etcd side ended): the consumer drains what is buffered, then stops. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    this.runCloseHook();
    this.notify();
  }

  /** Consumer-side stop: drops anything buffered. */
  close(): void {
    this.buf = [];
    this.finish();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    try {
      for (;;) {
        const ev = this.buf.shift();
        if (ev) {
          yield ev;
          continue;
        }
        if (this.done) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      // `break` out of for-await lands here: release the etcd watch.
      this.close();
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private runCloseHook(): void {
    const hook = this.closedHook;
    this.closedHook = null;
    hook?.();
  }
}
