// Container garbage collection (reference §9), every minute: dead containers beyond the newest
// per (pod, container) go — the newest stays for `logs --previous` and lastState — and pods that
// are no longer wanted lose every container and sandbox once nothing of theirs runs.
import type { Logger } from '@kubelite/client';
import type { ContainerStatus } from '../runtime/types.js';
import type { RuntimePodView } from './pleg.js';

export interface GcTarget {
  uid: string;
  view: RuntimePodView;
  /** The pod is wanted (desired, or its status still being reported). */
  live: boolean;
}

export async function collectGarbage(targets: GcTarget[], logger: Logger): Promise<number> {
  let removed = 0;
  const remove = async (what: 'container' | 'sandbox', fn: () => Promise<void>, id: string): Promise<void> => {
    try {
      await fn();
      removed++;
    } catch (err) {
      logger.info({ id, err: String(err) }, `could not remove dead ${what}`);
    }
  };
  for (const { view, live } of targets) {
    const { runtime } = view;
    const anyRunning = view.containers.some((c) => c.state === 'running') || view.sandboxes.some((s) => s.state === 'ready');
    if (!live && anyRunning) continue; // the pod worker stops it first
    for (const c of deadToRemove(view.containers, live)) await remove('container', () => runtime.removeContainer(c.id), c.id);
    const withContainers = new Set(view.containers.map((c) => c.sandboxId));
    const newest = [...view.sandboxes].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    for (const s of view.sandboxes) {
      if (s.state === 'ready') continue;
      if (live && (s === newest || withContainers.has(s.id))) continue;
      await remove('sandbox', () => runtime.removePodSandbox(s.id), s.id);
    }
  }
  return removed;
}

function deadToRemove(containers: ContainerStatus[], live: boolean): ContainerStatus[] {
  const dead = containers.filter((c) => c.state === 'exited' || c.state === 'created');
  if (!live) return dead;
  const byName = new Map<string, ContainerStatus[]>();
  for (const c of dead) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  const out: ContainerStatus[] = [];
  for (const group of byName.values()) {
    group.sort((a, b) => b.attempt - a.attempt || b.createdAt.getTime() - a.createdAt.getTime());
    out.push(...group.slice(1));
  }
  return out;
}
