// `cluster up` without --detach: klctl stays with the cluster. A stop request (Ctrl-C, SIGTERM)
// does what `cluster down` does; a second one leaves at once with the rest still stopping. If the
// kubelet dies on its own, what it left running is stopped and klctl exits 1.
import { clusterDown } from './down.js';
import { isClusterError } from './errors.js';
import type { Progress } from './progress.js';
import type { UpResult } from './up.js';

export interface ForegroundOptions {
  progress: Progress;
  /** fires on each stop request; the first stops the cluster, the second abandons the wait */
  onStopRequest: (listener: () => void) => void;
}

/** Resolves with klctl's exit code once the cluster is down. */
export function superviseForeground(up: UpResult, opts: ForegroundOptions): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (code: number): Promise<void> => {
      try {
        await clusterDown({ dataDir: up.layout.dataDir, progress: opts.progress });
        opts.progress.done(`cluster stopped; data kept in ${up.layout.dataDir}`);
      } catch (e) {
        if (!isClusterError(e) || e.problem !== 'NOT_RUNNING') {
          opts.progress.warn(`stopping failed: ${e instanceof Error ? e.message : String(e)}`);
          code = 1;
        }
      }
      resolve(code);
    };
    up.kubelet.once('exit', (code, sig) => {
      if (stopping) return;
      stopping = true;
      opts.progress.warn(`the kubelet exited (${sig ?? `code ${code}`}); see ${up.layout.kubeletLog}`);
      void stop(1);
    });
    opts.onStopRequest(() => {
      if (stopping) {
        opts.progress.warn(`left while stopping; \`klctl cluster down --data-dir ${up.layout.dataDir}\` finishes it`);
        resolve(130);
        return;
      }
      stopping = true;
      opts.progress.info('stopping the cluster (again to leave it stopping on its own)');
      void stop(0);
    });
  });
}
