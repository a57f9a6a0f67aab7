// FitError.Error(): the message users read in FailedScheduling events and the PodScheduled
// condition. "0/<N> nodes are available:" then, separated by " <part>.", either the PreFilter
// rejection or the histogram of reasons over all nodes ("<count> <reason>" sorted as strings,
// joined by ", "), then the PostFilter (preemption) message. The preemption message is itself a
// FitError rendering, which is why real clusters print two dots at the end.
import type { NodeToStatus } from './interface.js';
import type { Status } from './status.js';

export const NO_NODE_AVAILABLE = (n: number): string => `0/${n} nodes are available`;

export interface Diagnosis {
  filtered: NodeToStatus;
  /** plugins that rejected the pod on some node (decide which events retry it) */
  unschedulablePlugins: Set<string>;
  preFilterMsg?: string;
  postFilterMsg?: string;
}

export class FitError {
  constructor(
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {}

  message(): string {
    let msg = `${NO_NODE_AVAILABLE(this.numAllNodes)}:`;
    const d = this.diagnosis;
    if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
    else {
      const hist = histogram(d.filtered, this.numAllNodes);
      if (hist.length > 0) msg += ` ${hist.join(', ')}.`;
    }
    if (d.postFilterMsg) msg += ` ${d.postFilterMsg}.`;
    return msg;
  }
}

/** Counts every reason of every failed node; nodes absent from the map count as `absent`. */
export function histogram(filtered: NodeToStatus, numAllNodes: number): string[] {
  const counts = new Map<string, number>();
  const add = (s: Status, times: number): void => {
    for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + times);
  };
  for (const s of filtered.statuses.values()) add(s, 1);
  const absent = numAllNodes - filtered.statuses.size;
  if (filtered.absent && absent > 0) add(filtered.absent, absent);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
}
