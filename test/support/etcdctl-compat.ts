// A small interpreter for scripts of etcdctl invocations: runs a script against one server and
// returns a normalized transcript, so the transcripts of the real etcd and of etcd-lite can be
// compared step by step.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  etcdctlAvailable,
  etcdLiteBin,
  realEtcdAvailable,
  requireTool,
  type EtcdFlavor,
} from './etcd-servers.js';
import { BackgroundEtcdctl, runEtcdctl, sleep, type EtcdctlResult } from './etcdctl-run.js';
import { normalizeStderr, normalizeText, type NormalizeContext } from './etcdctl-normalize.js';

/**
 * One etcdctl invocation. Placeholders in argv/stdin, resolved per server:
 * `{L1}`, `{L2}`, … the hex id of the n-th lease granted by the script; `{REV}`, `{REV+n}`, `{REV-n}`
 * the store's current revision (plus/minus n); `{TMP}` a temp dir.
 */
export interface RunStep {
  kind: 'run';
  argv: string[];
  stdin?: string;
  /** 'exit-and-stdout': stderr is not compared (e.g. snapshot save logs sizes and paths) */
  compare?: 'all' | 'exit-and-stdout';
  /** sort stdout lines after normalizing (the server's order is unspecified, e.g. lease list) */
  sortLines?: boolean;
}

/** Starts `etcdctl <argv>` (a watch, a streaming keep-alive) in the background under a name. */
export interface WatchStartStep {
  kind: 'watch-start';
  name: string;
  argv: string[];
  /**
   * A key inside the watched range: it is put (value "ready") until the watcher prints it, so that a
   * watch without --rev is known to be established. Its events are then removed from the transcript.
   * Do not combine with --prev-kv or -w json.
   */
  readyKey?: string;
}

/** Waits (bounded) until the named watcher's stdout contains `until`, then stops it and records its output. */
export interface WatchStopStep {
  kind: 'watch-stop';
  name: string;
  until: string;
}

/** Polls `get key` until the key is absent (e.g. lease expiry); records whether it went away in time. */
export interface WaitGoneStep {
  kind: 'wait-gone';
  key: string;
  timeoutMs: number;
}

export type Step = RunStep | WatchStartStep | WatchStopStep | WaitGoneStep;

export const run = (...argv: string[]): RunStep => ({ kind: 'run', argv });
export const runWithStdin = (stdin: string, ...argv: string[]): RunStep => ({ kind: 'run', argv, stdin });
export const watchStart = (name: string, argv: string[], readyKey?: string): WatchStartStep => ({
  kind: 'watch-start',
  name,
  argv,
  readyKey,
});
export const watchStop = (name: string, until: string): WatchStopStep => ({ kind: 'watch-stop', name, until });
export const waitGone = (key: string, timeoutMs = 15_000): WaitGoneStep => ({ kind: 'wait-gone', key, timeoutMs });

export interface TranscriptEntry {
  step: string;
  /** exit code; 'stopped' for a background process that was still running when stopped */
  exit: number | 'stopped' | 'timeout' | null;
  stdout: string;
  stderr: string;
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'run':
      return `etcdctl ${step.argv.map((a) => (a === '' || /\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}` +
        (step.stdin === undefined ? '' : ` <<< ${JSON.stringify(step.stdin)}`);
    case 'watch-start':
      return `start [${step.name}] etcdctl ${step.argv.join(' ')}`;
    case 'watch-stop':
      return `stop [${step.name}] after ${JSON.stringify(step.until)}`;
    case 'wait-gone':
      return `wait until ${step.key} is gone`;
  }
}

/** Reads cluster_id, member_id and the current revision from a Range response header. */
async function header(endpoint: string): Promise<{ clusterId: string; memberId: string; revision: number }> {
  const res = await runEtcdctl(endpoint, ['get', 'etcdctl-compat-probe', '-w', 'json'], { timeoutMs: 10_000 });
  const field = (name: string): string | undefined => new RegExp(`"${name}":(\\d+)`).exec(res.stdout)?.[1];
  const clusterId = field('cluster_id');
  const memberId = field('member_id');
  const revision = field('revision');
  if (res.exit !== 0 || clusterId === undefined || memberId === undefined || revision === undefined) {
    throw new Error(`cannot read a response header from ${endpoint}: ${res.stdout}${res.stderr}`);
  }
  return { clusterId, memberId, revision: Number(revision) };
}

class ScriptRun {
  private readonly watchers = new Map<string, BackgroundEtcdctl>();
  private readonly readyKeys = new Map<string, string>();
  private readonly raw: { step: Step; entry: TranscriptEntry }[] = [];

  constructor(
    private readonly endpoint: string,
    private readonly ctx: NormalizeContext,
    private readonly tmp: string,
  ) {}

  private async resolve(text: string): Promise<string> {
    let s = text.replace(/\{L(\d+)\}/g, (m, n: string) => {
      const dec = this.ctx.leases[Number(n) - 1];
      return dec === undefined ? m : BigInt(dec).toString(16);
    });
    s = s.split('{TMP}').join(this.tmp);
    if (/\{REV([+-]\d+)?\}/.test(s)) {
      const { revision } = await header(this.endpoint);
      s = s.replace(/\{REV([+-]\d+)?\}/g, (_m, delta?: string) => String(revision + Number(delta ?? 0)));
    }
    return s;
  }

  private learnLease(argv: string[], res: EtcdctlResult): void {
    if (argv[0] !== 'lease' || argv[1] !== 'grant' || res.exit !== 0) return;
    const hex = /lease ([0-9a-f]+) granted/.exec(res.stdout)?.[1];
    const dec = hex !== undefined ? BigInt(`0x${hex}`).toString() : /"ID":(\d+)/.exec(res.stdout)?.[1];
    if (dec !== undefined) this.ctx.leases.push(dec);
  }

  async execute(step: Step): Promise<void> {
    const entry = (exit: TranscriptEntry['exit'], stdout: string, stderr: string): void => {
      this.raw.push({ step, entry: { step: describeStep(step), exit, stdout, stderr } });
    };
    switch (step.kind) {
      case 'run': {
        const argv = await Promise.all(step.argv.map((a) => this.resolve(a)));
        const stdin = step.stdin === undefined ? undefined : await this.resolve(step.stdin);
        const res = await runEtcdctl(this.endpoint, argv, { stdin });
        this.learnLease(argv, res);
        entry(res.timedOut ? 'timeout' : res.exit, res.stdout, step.compare === 'exit-and-stdout' ? '' : res.stderr);
        return;
      }
      case 'watch-start': {
        const argv = await Promise.all(step.argv.map((a) => this.resolve(a)));
        const watcher = new BackgroundEtcdctl(this.endpoint, argv);
        this.watchers.set(step.name, watcher);
        if (step.readyKey !== undefined) {
          this.readyKeys.set(step.name, step.readyKey);
          let ready = false;
          for (let attempt = 0; attempt < 40 && !ready && !watcher.exited; attempt++) {
            await runEtcdctl(this.endpoint, ['put', step.readyKey, 'ready'], { timeoutMs: 10_000 });
            ready = await watcher.waitFor(`${step.readyKey}\nready\n`, 250);
          }
          entry(ready ? 0 : 'timeout', ready ? 'established' : `never saw ${step.readyKey}`, '');
        }
        return;
      }
      case 'watch-stop': {
        const watcher = this.watchers.get(step.name);
        if (watcher === undefined) throw new Error(`no watcher ${step.name}`);
        this.watchers.delete(step.name);
        const seen = await watcher.waitFor(step.until, 10_000);
        if (seen) await sleep(150); // let the rest of that response be printed
        const res = await watcher.stop();
        const readyKey = this.readyKeys.get(step.name);
        const stdout =
          readyKey === undefined ? res.stdout : res.stdout.split(`PUT\n${readyKey}\nready\n`).join('');
        entry(res.exit ?? (seen ? 'stopped' : 'timeout'), stdout, res.stderr);
        return;
      }
      case 'wait-gone': {
        const deadline = Date.now() + step.timeoutMs;
        let gone = false;
        while (!gone && Date.now() < deadline) {
          const res = await runEtcdctl(this.endpoint, ['get', step.key, '--keys-only'], { timeoutMs: 10_000 });
          gone = res.exit === 0 && res.stdout.trim() === '';
          if (!gone) await sleep(200);
        }
        entry(0, gone ? 'gone' : `still present after ${step.timeoutMs} ms`, '');
        return;
      }
    }
  }

  async stopWatchers(): Promise<void> {
    for (const w of this.watchers.values()) await w.stop();
    this.watchers.clear();
  }

  /** Normalizes with everything learnt (lease ids) during the run. */
  normalized(): TranscriptEntry[] {
    return this.raw.map(({ step, entry }) => {
      let stdout = normalizeText(entry.stdout, this.ctx);
      if (step.kind === 'run' && step.sortLines) stdout = stdout.split('\n').sort().join('\n');
      return { ...entry, stdout, stderr: normalizeStderr(entry.stderr, this.ctx) };
    });
  }

  rawEntries(): TranscriptEntry[] {
    return this.raw.map(({ entry }) => entry);
  }
}

export interface ScriptResult {
  /** what is compared */
  transcript: TranscriptEntry[];
  /** the same before normalization (for diagnosis) */
  raw: TranscriptEntry[];
}

/** Runs the script against a server (fresh store expected) and returns its transcript. */
export async function runScript(endpoint: string, steps: Step[]): Promise<ScriptResult> {
  const { clusterId, memberId } = await header(endpoint);
  const tmp = mkdtempSync(join(tmpdir(), 'etcdctl-compat-'));
  const ctx: NormalizeContext = { endpoint, clusterId, memberId, leases: [], literals: new Map([[tmp, '<TMP>']]) };
  const script = new ScriptRun(endpoint, ctx, tmp);
  try {
    for (const step of steps) await script.execute(step);
    await script.stopWatchers();
    return { transcript: script.normalized(), raw: script.rawEntries() };
  } finally {
    await script.stopWatchers();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The two servers to compare: real etcd is the reference. ETCDCTL_COMPAT_FLAVORS=etcd compares two
 * real etcds (validates the scripts and the normalization); the default compares etcd with etcd-lite.
 * Returns null when a tool is missing outside CI (under CI=true a missing tool throws).
 */
export function compatPair(): [EtcdFlavor, EtcdFlavor] | null {
  const wanted = (process.env.ETCDCTL_COMPAT_FLAVORS ?? 'etcd,etcd-lite').split(',').map((f) => f.trim());
  const lite = wanted.includes('etcd-lite');
  const ok =
    requireTool('etcdctl', etcdctlAvailable()) &&
    requireTool('etcd', realEtcdAvailable()) &&
    (!lite || requireTool(`etcd-lite (${etcdLiteBin})`, existsSync(etcdLiteBin)));
  if (!ok) return null;
  return ['etcd', lite ? 'etcd-lite' : 'etcd'];
}
