// client-go's LeaderElector: of several replicas (schedulers, controller-managers) only the holder
// of a Lease acts. Semantics and defaults follow client-go:
//   - a candidate retries every retryPeriod (jittered by up to 1.2x) until it can take the lease:
//     it is free (no holder) or has not been renewed for leaseDuration *as this candidate
//     observed it* — expiry is judged by the local monotonic clock from the moment the record
//     was last seen to change, never by comparing another machine's renewTime to ours;
//   - the leader renews every retryPeriod; if it cannot renew within renewDeadline it stops
//     leading (its onStartedLeading signal aborts) — before leaseDuration runs out, so by the
//     time another candidate may take over, the old leader has already stepped down;
//   - with releaseOnCancel, stopping clears the holder so a successor takes over at once.
// onStoppedLeading runs whenever run() returns, even if leadership was never gained (as upstream).
import { realClock, type Clock } from '../clock.js';
import { childSignal } from '../rest/abort.js';
import { isConflict, isNotFound } from '../rest/errors.js';
import { sleep } from '../informer/backoff.js';
import { leaderElectionError } from './errors.js';
import type { LeaderElectionRecord, ResourceLock } from './lease-lock.js';

export interface LeaderCallbacks {
  /** Leadership gained: do the work until signal aborts. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  onStoppedLeading(): void;
  /** The observed leader changed (including to this candidate). */
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  lock: ResourceLock;
  callbacks: LeaderCallbacks;
  /** how long a non-leader waits after the last observed change before taking over; 15 s */
  leaseDurationMs?: number;
  /** how long the leader keeps retrying a renewal before giving up; 10 s */
  renewDeadlineMs?: number;
  /** the interval between attempts; 2 s */
  retryPeriodMs?: number;
  releaseOnCancel?: boolean;
  /** timers and lease expiry (monotonic) */
  clock?: Clock;
  /** epoch milliseconds written as acquireTime/renewTime */
  wallClock?: () => number;
  random?: () => number;
  /** failed lock operations and callback exceptions, for logging */
  onError?: (err: unknown, where: string) => void;
}

export const DEFAULT_LEASE_DURATION_MS = 15_000;
export const DEFAULT_RENEW_DEADLINE_MS = 10_000;
export const DEFAULT_RETRY_PERIOD_MS = 2_000;
/** wait.JitterUntil's factor for the acquire loop; renewDeadline must exceed retryPeriod by it */
export const JITTER_FACTOR = 1.2;

const EMPTY: LeaderElectionRecord = { holderIdentity: '', leaseDurationSeconds: 0, leaderTransitions: 0 };

export class LeaderElector {
  private readonly lock: ResourceLock;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly clock: Clock;
  private readonly wallClock: () => number;
  private readonly random: () => number;
  private observedRecord: LeaderElectionRecord = EMPTY;
  private observedRaw = '';
  private observedTime = Number.NEGATIVE_INFINITY;
  private reportedLeader = '';

  constructor(private readonly config: LeaderElectionConfig) {
    this.lock = config.lock;
    this.leaseDurationMs = config.leaseDurationMs ?? DEFAULT_LEASE_DURATION_MS;
    this.renewDeadlineMs = config.renewDeadlineMs ?? DEFAULT_RENEW_DEADLINE_MS;
    this.retryPeriodMs = config.retryPeriodMs ?? DEFAULT_RETRY_PERIOD_MS;
    for (const [field, v] of [['leaseDuration', this.leaseDurationMs], ['renewDeadline', this.renewDeadlineMs], ['retryPeriod', this.retryPeriodMs]] as const) {
      if (!(v > 0)) throw leaderElectionError('NOT_POSITIVE', field);
    }
    if (this.leaseDurationMs <= this.renewDeadlineMs) throw leaderElectionError('LEASE_NOT_LONGER_THAN_RENEW');
    if (this.renewDeadlineMs <= JITTER_FACTOR * this.retryPeriodMs) throw leaderElectionError('RENEW_TOO_SHORT', JITTER_FACTOR);
    if (!this.lock.identity()) throw leaderElectionError('NO_IDENTITY');
    this.clock = config.clock ?? realClock;
    this.wallClock = config.wallClock ?? Date.now;
    this.random = config.random ?? Math.random;
  }

  isLeader(): boolean {
    return this.observedRecord.holderIdentity === this.lock.identity();
  }

  /** The holder last observed ('' if none). */
  getLeader(): string {
    return this.observedRecord.holderIdentity;
  }

  /**
   * Campaigns until elected, leads until signal aborts or a renewal fails, then returns. Run it
   * again to stand for election again (client-go callers usually exit the process instead).
   */
  async run(signal: AbortSignal): Promise<void> {
    try {
      if (!(await this.acquire(signal))) return;
      const leading = new AbortController();
      const leadingSignal = AbortSignal.any([signal, leading.signal]);
      const work = Promise.resolve()
        .then(() => this.config.callbacks.onStartedLeading(leadingSignal))
        .catch((e: unknown) => this.report(e, 'onStartedLeading'));
      try {
        await this.renew(leadingSignal);
      } finally {
        leading.abort();
      }
      if (this.config.releaseOnCancel) {
        // Give the work a bounded chance to wind down before a successor may start the same work.
        const patience = new AbortController();
        await Promise.race([work, sleep(this.renewDeadlineMs, patience.signal, this.clock)]);
        patience.abort();
        await this.release();
      }
    } finally {
      try {
        this.config.callbacks.onStoppedLeading();
      } catch (e) {
        this.report(e, 'onStoppedLeading');
      }
    }
  }

  /** One attempt to take or keep the lock; true if this candidate holds it afterwards. */
  async tryAcquireOrRenew(signal?: AbortSignal): Promise<boolean> {
    const now = this.wallClock();
    const desired: LeaderElectionRecord = {
      holderIdentity: this.lock.identity(),
      leaseDurationSeconds: Math.floor(this.leaseDurationMs / 1000),
      renewTime: now,
      acquireTime: now,
      leaderTransitions: 0,
    };

    // 1. Fast path: a valid leader writes over the lease it last wrote without reading it first.
    if (this.isLeader() && this.isLeaseValid()) {
      const record = { ...desired, acquireTime: this.observedRecord.acquireTime, leaderTransitions: this.observedRecord.leaderTransitions };
      try {
        await this.lock.update(record, signal);
        this.setObservedRecord(record);
        return true;
      } catch (e) {
        this.report(e, `optimistic update of ${this.lock.describe()}`);
      }
    }

    // 2. Read the record, creating the lock if it does not exist.
    let current;
    try {
      current = await this.lock.get(signal);
    } catch (e) {
      if (!isNotFound(e)) {
        this.report(e, `get ${this.lock.describe()}`);
        return false;
      }
      try {
        await this.lock.create(desired, signal);
      } catch (err) {
        this.report(err, `create ${this.lock.describe()}`);
        return false;
      }
      this.setObservedRecord(desired);
      return true;
    }

    // 3. A changed record restarts the expiry clock; an unchanged one lets it run on.
    if (current.raw !== this.observedRaw) {
      this.setObservedRecord(current.record);
      this.observedRaw = current.raw;
    }
    if (current.record.holderIdentity !== '' && this.isLeaseValid() && !this.isLeader()) return false;

    // 4. Ours to take (or keep): carry acquireTime over on renewal, count a transition on takeover.
    const record = this.isLeader()
      ? { ...desired, acquireTime: current.record.acquireTime, leaderTransitions: current.record.leaderTransitions }
      : { ...desired, leaderTransitions: current.record.leaderTransitions + 1 };
    try {
      await this.lock.update(record, signal);
    } catch (e) {
      this.report(e, `update ${this.lock.describe()}`);
      return false;
    }
    this.setObservedRecord(record);
    return true;
  }

  private async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      const ok = await this.tryAcquireOrRenew(signal);
      this.maybeReportTransition();
      if (ok) return true;
      await sleep(this.retryPeriodMs * (1 + this.random() * JITTER_FACTOR), signal, this.clock);
    }
    return false;
  }

  private async renew(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const renewed = await this.renewWithinDeadline(signal);
      this.maybeReportTransition();
      if (!renewed) {
        // Cancelled by the caller: stepping down is what was asked for, not a failure to report.
        if (signal.aborted) return;
        this.report(new Error(`failed to renew lease ${this.lock.describe()}: timed out waiting for the condition`), 'renew');
        return;
      }
      await sleep(this.retryPeriodMs, signal, this.clock);
    }
  }

  /** wait.PollUntilContextTimeout(retryPeriod, renewDeadline, immediate). */
  private async renewWithinDeadline(signal: AbortSignal): Promise<boolean> {
    const bounded = childSignal(signal);
    const timer = this.clock.setTimer(() => bounded.abort(), this.renewDeadlineMs);
    try {
      while (!bounded.signal.aborted) {
        if (await this.tryAcquireOrRenew(bounded.signal)) return true;
        await sleep(this.retryPeriodMs, bounded.signal, this.clock);
      }
      return false;
    } finally {
      timer.clear();
      bounded.dispose();
    }
  }

  /** Clears the holder so candidates need not wait out the lease. */
  private async release(): Promise<boolean> {
    if (!this.isLeader()) return true;
    const now = this.wallClock();
    const record: LeaderElectionRecord = {
      holderIdentity: '',
      leaseDurationSeconds: 1,
      renewTime: now,
      acquireTime: now,
      leaderTransitions: this.observedRecord.leaderTransitions,
    };
    const deadline = new AbortController();
    const timer = this.clock.setTimer(() => deadline.abort(), this.renewDeadlineMs);
    try {
      try {
        await this.lock.update(record, deadline.signal);
      } catch (e) {
        // A renewal cancelled in flight (the usual way a leader is stopped) may still have been
        // applied by the server, leaving the lock's copy one version behind: the release then
        // conflicts and the successor would wait out the whole lease. Read the lock once more
        // and release it if it is still ours.
        if (!isConflict(e)) throw e;
        const current = await this.lock.get(deadline.signal);
        if (current.record.holderIdentity !== this.lock.identity()) return true;
        record.leaderTransitions = current.record.leaderTransitions;
        await this.lock.update(record, deadline.signal);
      }
    } catch (e) {
      this.report(e, `release ${this.lock.describe()}`);
      return false;
    } finally {
      timer.clear();
    }
    this.setObservedRecord(record);
    return true;
  }

  private isLeaseValid(): boolean {
    return this.observedTime + this.observedRecord.leaseDurationSeconds * 1000 > this.clock.now();
  }

  private setObservedRecord(record: LeaderElectionRecord): void {
    this.observedRecord = record;
    this.observedTime = this.clock.now();
  }

  private maybeReportTransition(): void {
    const holder = this.observedRecord.holderIdentity;
    // A released lock has no leader to announce; the next holder is reported when seen.
    if (holder === this.reportedLeader || holder === '') return;
    this.reportedLeader = holder;
    try {
      this.config.callbacks.onNewLeader?.(holder);
    } catch (e) {
      this.report(e, 'onNewLeader');
    }
  }

  private report(err: unknown, where: string): void {
    this.config.onError?.(err, where);
  }
}
