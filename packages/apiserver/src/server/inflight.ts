// --max-requests-inflight / --max-mutating-requests-inflight: a bound on concurrent short
// requests, so an overloaded apiserver answers 429 (clients back off and retry) instead of
// queueing until everything times out. Watches and other long-running requests are exempt, as
// are health checks, so probes keep working under load.
import type { ApiMetrics } from './metrics.js';
import type { RequestInfo } from './request-info.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LONG_RUNNING_SUBRESOURCES = new Set(['log', 'exec', 'attach', 'portforward', 'proxy']);

export const isLongRunning = (info: RequestInfo): boolean =>
  info.verb === 'watch' || LONG_RUNNING_SUBRESOURCES.has(info.subresource);

export class InflightLimiter {
  private readonly used = { readOnly: 0, mutating: 0 };

  constructor(
    private readonly maxReadOnly: number,
    private readonly maxMutating: number,
    private readonly metrics: ApiMetrics,
  ) {}

  /**
   * A release function when admitted, `undefined` when the request is exempt, `false` when the
   * limit is reached. A limit of 0 means unlimited, as upstream.
   */
  acquire(method: string, info: RequestInfo): (() => void) | undefined | false {
    if (!info.isResourceRequest && !info.path.startsWith('/api')) return undefined;
    if (isLongRunning(info)) return undefined;
    const kind = MUTATING.has(method) ? 'mutating' : 'readOnly';
    const max = kind === 'mutating' ? this.maxMutating : this.maxReadOnly;
    if (max > 0 && this.used[kind] >= max) return false;
    this.used[kind]++;
    const label = kind === 'mutating' ? 'mutating' : 'readOnly';
    this.metrics.inflight.set({ request_kind: label }, this.used[kind]);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used[kind]--;
      this.metrics.inflight.set({ request_kind: label }, this.used[kind]);
    };
  }
}
