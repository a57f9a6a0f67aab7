// Time as a dependency: queues and rate limiters take a Clock so tests can step time by hand
// instead of sleeping, and so back-off arithmetic is deterministic.

export interface Timer {
  clear(): void;
}

export interface Clock {
  /** milliseconds on a monotonic scale; only differences are meaningful */
  now(): number;
  /** runs fn once after ms; the timer never keeps the process alive on its own */
  setTimer(fn: () => void, ms: number): Timer;
}

/** Wall time via performance.now(), which does not jump when the system clock is set. */
export const realClock: Clock = {
  now: () => performance.now(),
  setTimer(fn, ms) {
    // unref: a pending retry must not hold a process open that is otherwise done
    const handle = setTimeout(fn, Math.max(0, ms));
    handle.unref();
    return { clear: () => clearTimeout(handle) };
  },
};

interface FakeTimer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cleared: boolean;
}

/** A clock that moves only when told to; timers fire in due order inside advance(). */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: FakeTimer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): Timer {
    const timer: FakeTimer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, cleared: false };
    this.timers.push(timer);
    return {
      clear: () => {
        timer.cleared = true;
      },
    };
  }

  /** Timers not yet fired or cleared. */
  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cleared).length;
  }

  /**
   * Moves time forward by ms, firing every timer due on the way. Time is set to each timer's due
   * moment before it fires, so a callback that schedules another timer schedules it from the
   * right instant (and that timer fires too if it falls inside the step).
   */
  advance(ms: number): void {
    const target = this.current + ms;
    for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.at;
      next.fn();
    }
    this.current = target;
  }

  private nextDue(target: number): FakeTimer | undefined {
    this.timers = this.timers.filter((t) => !t.cleared);
    let best: FakeTimer | undefined;
    for (const t of this.timers) {
      if (t.at > target) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
