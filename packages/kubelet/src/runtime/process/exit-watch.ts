// Container-died events for the process runtime: an inotify watch (fs.watch) on each running
// container's state directory fires when the supervisor renames exit.json into place. Only
// containers known to be running are watched, and only while someone listens.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '@kubelite/client';
import type { RuntimeEvent } from '../types.js';
import { EXIT_FILE } from './store.js';

export class ExitWatcher {
  private readonly listeners = new Set<(e: RuntimeEvent) => void>();
  private readonly watches = new Map<string, FSWatcher>();

  constructor(private readonly logger: Logger) {}

  get active(): boolean {
    return this.listeners.size > 0;
  }

  subscribe(listener: (e: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.closeAll();
    };
  }

  emit(event: RuntimeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        this.logger.warn({ err }, 'runtime event listener failed');
      }
    }
  }

  /** Watches a running container's directory for its exit record (idempotent). */
  watch(id: string, dir: string, podUid: string): void {
    if (!this.active || this.watches.has(id)) return;
    const died = (): void => {
      this.unwatch(id);
      this.emit({ type: 'container-died', containerId: id, podUid });
    };
    let w: FSWatcher;
    try {
      w = watch(dir, (_type, filename) => {
        if (filename === EXIT_FILE) died();
      });
    } catch (err) {
      this.logger.warn({ id, err: String(err) }, 'cannot watch process container; relist will notice its exit');
      return;
    }
    w.on('error', () => this.unwatch(id));
    this.watches.set(id, w);
    // It may have exited before the watch was in place.
    if (existsSync(join(dir, EXIT_FILE))) died();
  }

  unwatch(id: string): void {
    this.watches.get(id)?.close();
    this.watches.delete(id);
  }

  closeAll(): void {
    for (const w of this.watches.values()) w.close();
    this.watches.clear();
  }

  close(): void {
    this.listeners.clear();
    this.closeAll();
  }
}
