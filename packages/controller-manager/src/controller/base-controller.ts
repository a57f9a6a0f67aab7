// The shape of every Kubernetes controller: informer handlers enqueue keys; `workers` loops take
// one key at a time from a rate-limited queue and call sync(key), which converges one step and is
// safe to re-run. A failed sync goes back with exponential back-off; a successful one is
// forgotten so its back-off starts over. A key is never synced by two workers at once.
import { RateLimitingQueue, metaNamespaceKeyFunc, type DeletedFinalStateUnknown } from '@kubelite/client';
import type { KubeObject } from '@kubelite/api';
import type { Logger } from '@kubelite/client';
import { ControllerManagerError } from '../errors.js';
import type { ControllerContext } from './context.js';

export interface RunnableController {
  readonly name: string;
  run(workers: number, signal: AbortSignal): Promise<void>;
}

export abstract class QueueController implements RunnableController {
  readonly queue = new RateLimitingQueue<string>();
  readonly log: Logger;

  constructor(
    readonly name: string,
    protected readonly ctx: ControllerContext,
  ) {
    this.log = ctx.logger.child({ controller: name });
  }

  /** Converges the object behind key one step; throw to retry with back-off. */
  protected abstract sync(key: string): Promise<void>;

  enqueue(obj: KubeObject | DeletedFinalStateUnknown<KubeObject>): void {
    this.queue.add(metaNamespaceKeyFunc(obj));
  }

  enqueueAfter(obj: KubeObject, ms: number): void {
    this.queue.addAfter(metaNamespaceKeyFunc(obj), ms);
  }

  async run(workers: number, signal: AbortSignal): Promise<void> {
    this.log.info({ workers }, 'starting controller');
    const loops = Array.from({ length: Math.max(1, workers) }, () => this.worker());
    await new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    this.queue.shutDown();
    await Promise.all(loops);
    this.log.info('stopped controller');
  }

  private async worker(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      await this.processKey(key);
    }
  }

  private async processKey(key: string): Promise<void> {
    const { metrics } = this.ctx;
    const end = metrics.syncDuration.startTimer({ controller: this.name });
    try {
      await this.sync(key);
      this.queue.forget(key);
      metrics.syncs.inc({ controller: this.name, result: 'success' });
    } catch (err) {
      metrics.syncs.inc({ controller: this.name, result: 'error' });
      metrics.retries.inc({ name: this.name });
      // Expected retries (conflicts, pending work) are routine; log them quietly.
      const quiet = err instanceof ControllerManagerError || isConflictLike(err);
      this.log[quiet ? 'debug' : 'warn']({ key, err: errText(err) }, 'sync failed, will retry');
      if (!this.queue.shuttingDown) this.queue.addRateLimited(key);
    } finally {
      end();
      this.queue.done(key);
      metrics.queueDepth.set({ name: this.name }, this.queue.len());
    }
  }
}

function isConflictLike(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 409;
}

export function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
