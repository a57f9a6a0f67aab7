// The pod lifecycle event generator: relist every runtime each second (and at once when the
// runtime reports a container event), compare with the previous listing, and wake the worker of
// every pod whose sandboxes or containers changed. The listing doubles as the runtime cache the
// prober and the kubelet server read.
import type { Logger } from '@kubelite/client';
import type { ContainerRuntime, ContainerStatus, SandboxStatus } from '../runtime/types.js';

export interface RuntimePodView {
  runtime: ContainerRuntime;
  sandboxes: SandboxStatus[];
  containers: ContainerStatus[];
}

const RELIST_MS = 1000;

export class Pleg {
  private pods = new Map<string, RuntimePodView>();
  private fingerprints = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private relisting?: Promise<void>;
  private readonly unsubscribe: (() => void)[] = [];
  /** When every runtime last answered a relist (0: never); a failed runtime leaves it unchanged. */
  lastRelist = 0;

  constructor(
    private readonly runtimes: readonly ContainerRuntime[],
    private readonly onPodChanged: (uid: string) => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    for (const r of this.runtimes) this.unsubscribe.push(r.onEvent(() => void this.relist()));
    this.timer = setInterval(() => void this.relist(), RELIST_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    for (const u of this.unsubscribe) u();
  }

  get(uid: string): RuntimePodView | undefined {
    return this.pods.get(uid);
  }

  uids(): string[] {
    return [...this.pods.keys()];
  }

  relist(): Promise<void> {
    this.relisting ??= this.doRelist().finally(() => (this.relisting = undefined));
    return this.relisting;
  }

  private async doRelist(): Promise<void> {
    const next = new Map<string, RuntimePodView>();
    let complete = true;
    for (const runtime of this.runtimes) {
      let sandboxes: SandboxStatus[];
      let containers: ContainerStatus[];
      try {
        [sandboxes, containers] = await Promise.all([runtime.listPodSandboxes(), runtime.listContainers()]);
      } catch (err) {
        this.logger.debug({ runtime: runtime.handler, err: String(err) }, 'relist failed');
        complete = false;
        // Keep what we knew about an unreachable runtime rather than reporting its pods gone.
        for (const [uid, v] of this.pods) if (v.runtime === runtime) next.set(uid, v);
        continue;
      }
      const view = (uid: string): RuntimePodView => {
        let v = next.get(uid);
        if (!v) next.set(uid, (v = { runtime, sandboxes: [], containers: [] }));
        return v;
      };
      for (const s of sandboxes) view(s.pod.uid).sandboxes.push(s);
      for (const c of containers) view(c.pod.uid).containers.push(c);
    }
    const prints = new Map<string, string>();
    for (const [uid, v] of next) prints.set(uid, fingerprint(v));
    for (const uid of new Set([...prints.keys(), ...this.fingerprints.keys()])) {
      if (prints.get(uid) !== this.fingerprints.get(uid)) this.onPodChanged(uid);
    }
    this.pods = next;
    this.fingerprints = prints;
    if (complete) this.lastRelist = Date.now();
  }
}

function fingerprint(v: RuntimePodView): string {
  const s = v.sandboxes.map((x) => `${x.id}:${x.state}:${x.ip ?? ''}`).sort();
  const c = v.containers.map((x) => `${x.id}:${x.state}:${x.exitCode ?? ''}`).sort();
  return `${s.join(',')}|${c.join(',')}`;
}
