// Periodic compaction, after Kubernetes' etcd3 compactor: every interval, CAS compact_rev_key's
// version from what we saw last round to claim the round, then compact to the revision seen one
// interval ago. With several apiservers only the CAS winner compacts, and history always keeps at
// least one interval of changes for watchers and paged lists to resume from.
import type { EtcdClient } from './etcd-client.js';
import { CompareResult, CompareTarget } from './etcd-messages.js';
import { isCompactedError } from './errors.js';
import { headerRevision } from './resource-version.js';
import { COMPACT_REV_KEY } from './store.js';

/** One round. `t` = compact_rev_key version we last saw; `rev` = revision to compact now (0 = none yet). */
export async function compactRound(client: EtcdClient, t: number, rev: number): Promise<{ t: number; rev: number }> {
  const key = Buffer.from(COMPACT_REV_KEY);
  const res = await client.txn({
    compare: [{ result: CompareResult.EQUAL, target: CompareTarget.VERSION, key, version: t }],
    success: [{ request_put: { key, value: Buffer.from(String(rev)) } }],
    failure: [{ request_range: { key } }],
  });
  const curRev = headerRevision(res);
  if (!res.succeeded) {
    // Someone else claimed this round: adopt their version and try next interval.
    const version = Number(res.responses[0]?.response_range?.kvs[0]?.version ?? 0);
    return { t: version, rev: curRev };
  }
  // The successful put bumped the key's version by one.
  const next = { t: t + 1, rev: curRev };
  if (rev === 0) return next; // first round only records a revision
  try {
    await client.compact({ revision: rev });
  } catch (err) {
    if (!isCompactedError(err)) throw err;
  }
  return next;
}

export class Compactor {
  private t = 0;
  private rev = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly client: EtcdClient,
    private readonly intervalMs = 5 * 60_000,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  async runOnce(): Promise<void> {
    if (this.running) return; // a slow etcd must not stack rounds
    this.running = true;
    try {
      ({ t: this.t, rev: this.rev } = await compactRound(this.client, this.t, this.rev));
    } finally {
      this.running = false;
    }
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.runOnce().catch(this.onError), this.intervalMs);
    this.timer.unref(); // never keep the process alive just to compact
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
