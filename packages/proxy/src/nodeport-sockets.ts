// The set of open nodePort sockets, reconciled to what the Services want on every sync: new
// ones are opened, ones no longer wanted are closed (their connections finish on their own),
// ones that stay are pointed at the current service port. A socket that cannot be opened (port
// in use, address gone) is retried on later syncs with back-off, a bounded number of times per
// version of its Service.
import type { Logger } from '@kubelite/client';
import type { ProxyError } from './errors.js';
import type { ProxyMetrics } from './metrics.js';
import { NodePortListener } from './nodeport-listener.js';
import type { ServicePortProxy } from './service-port-proxy.js';

export interface WantedSocket {
  address: string;
  port: number;
  target: ServicePortProxy;
}

export interface OpenSocket {
  address: string;
  port: number;
  servicePort: string;
}

interface RetryState {
  /** the Service version the attempts were made for: a change starts them over */
  version: string;
  attempts: number;
  nextAt: number;
}

export const MAX_LISTEN_ATTEMPTS = 8;
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export const socketKey = (address: string, port: number): string => `${address}|${port}`;

const versionOf = (t: ServicePortProxy): string => `${t.info.service.metadata.uid ?? ''}/${t.info.service.metadata.resourceVersion ?? ''}`;

export interface NodePortSocketsDeps {
  log: Logger;
  metrics: ProxyMetrics;
  /** a socket could not be opened; gaveUp once the attempts for this Service version are spent */
  onListenFailed(target: ServicePortProxy, err: ProxyError, gaveUp: boolean): void;
}

export class NodePortSockets {
  private readonly open = new Map<string, NodePortListener>();
  private readonly closing = new Set<NodePortListener>();
  private readonly retries = new Map<string, RetryState>();

  constructor(private readonly deps: NodePortSocketsDeps) {}

  /** Makes the open sockets match `wanted`; returns ms until the earliest retry is due, if any. */
  async reconcile(wanted: ReadonlyMap<string, WantedSocket>): Promise<number | undefined> {
    for (const [key, l] of this.open) {
      if (wanted.has(key)) continue;
      l.close();
      this.open.delete(key);
      if (l.connections > 0) this.closing.add(l);
      this.deps.log.info({ address: l.address, nodePort: l.port, servicePort: l.targetId }, 'closed nodePort');
    }
    for (const l of this.closing) if (l.connections === 0) this.closing.delete(l);
    for (const key of this.retries.keys()) if (!wanted.has(key)) this.retries.delete(key);
    let nextRetryMs: number | undefined;
    for (const [key, w] of wanted) {
      const existing = this.open.get(key);
      if (existing) existing.retarget(w.target);
      else {
        const due = await this.tryOpen(key, w);
        if (due !== undefined) nextRetryMs = Math.min(nextRetryMs ?? Infinity, due);
      }
    }
    return nextRetryMs;
  }

  /** ms until the next attempt, or undefined when open (or given up on). */
  private async tryOpen(key: string, w: WantedSocket): Promise<number | undefined> {
    const now = Date.now();
    const version = versionOf(w.target);
    let r = this.retries.get(key);
    if (r && r.version !== version) r = undefined;
    if (r && r.attempts >= MAX_LISTEN_ATTEMPTS) return undefined;
    if (r && now < r.nextAt) return r.nextAt - now;
    const l = new NodePortListener(w.address, w.port, w.target, this.deps.log, this.deps.metrics);
    try {
      await l.listen();
      this.open.set(key, l);
      this.retries.delete(key);
      this.deps.log.info({ address: w.address, nodePort: w.port, servicePort: w.target.id }, 'opened nodePort');
      return undefined;
    } catch (err) {
      const attempts = (r?.attempts ?? 0) + 1;
      const delay = Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS);
      this.retries.set(key, { version, attempts, nextAt: now + delay });
      this.deps.metrics.listenFailures.inc({ service_port: w.target.id });
      const gaveUp = attempts >= MAX_LISTEN_ATTEMPTS;
      this.deps.onListenFailed(w.target, err as ProxyError, gaveUp);
      return gaveUp ? undefined : delay;
    }
  }

  list(): OpenSocket[] {
    return [...this.open.values()].map((l) => ({ address: l.address, port: l.port, servicePort: l.targetId }));
  }

  /** Closes every socket, gives open connections up to drainMs, then cuts them. */
  async shutdown(drainMs: number): Promise<void> {
    const all = [...this.open.values(), ...this.closing];
    for (const l of all) l.close();
    this.open.clear();
    this.closing.clear();
    await Promise.all(all.map((l) => l.drain(drainMs)));
  }
}
