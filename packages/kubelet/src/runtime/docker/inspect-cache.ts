// The kubelet relists every second, so listing must cost one Docker list call, not one inspect
// per container. A container's inspect output only changes when its state does (the labels, the
// image, startedAt of a running instance are fixed; an exited one never changes again), so the
// last inspect is reused until the list shows a different state. Our own start/stop calls drop
// the entry, because a failed start leaves the state "created" while the inspect output changes
// (and a not-yet-started container is never cached, for the same reason).
import type { ContainerInspectInfo } from 'dockerode';

export class InspectCache {
  private readonly entries = new Map<string, ContainerInspectInfo>();

  /** The cached inspect for `id` if Docker still reports it in `listState`. */
  get(id: string, listState: string): ContainerInspectInfo | undefined {
    const info = this.entries.get(id);
    return info && info.State.Status === listState ? info : undefined;
  }

  set(info: ContainerInspectInfo): void {
    // "created" with exit code 0 means not started yet: a start failing right now would change
    // the inspect output without changing the listed state, so only its final form is kept.
    if (info.State.Status === 'created' && info.State.ExitCode === 0) this.entries.delete(info.Id);
    else this.entries.set(info.Id, info);
  }

  invalidate(id: string): void {
    this.entries.delete(id);
  }

  /** Forgets containers a full list no longer shows. */
  retain(ids: Set<string>): void {
    for (const id of this.entries.keys()) if (!ids.has(id)) this.entries.delete(id);
  }
}
