// `etcdctl check perf --load=s|m` (60 s of puts each) must PASS against etcd-lite as it does against
// the real etcd. The real etcd runs first on the same machine as a baseline, so that a FAIL caused by
// a slow or loaded machine is told apart from a slow etcd-lite.
import { describe, expect, test } from 'vitest';
import { startEtcd, type EtcdFlavor } from '../support/etcd-servers.js';
import { compatPair } from '../support/etcdctl-compat.js';
import { runEtcdctl } from '../support/etcdctl-run.js';

const pair = compatPair();
const withLite = pair !== null && pair[1] === 'etcd-lite';
const loads = ['s', 'm'] as const;
type Load = (typeof loads)[number];

interface PerfResult {
  flavor: EtcdFlavor;
  load: Load;
  exit: number | null;
  /** the PASS/FAIL lines check perf printed (they follow the progress bar on the same line) */
  verdicts: string[];
  passed: boolean;
  stderrTail: string;
}

async function checkPerf(flavor: EtcdFlavor, load: Load): Promise<PerfResult> {
  const server = await startEtcd(flavor);
  try {
    // 60 s of load plus setup and cleanup; killed (exit null) after 150 s
    const res = await runEtcdctl(server.endpoint, ['check', 'perf', `--load=${load}`], { timeoutMs: 150_000 });
    const verdicts = [...res.stdout.matchAll(/\b(?:PASS|FAIL)\b[^\r\n]*/g)].map((m) => m[0].trim());
    return {
      flavor,
      load,
      exit: res.exit,
      verdicts,
      passed: res.exit === 0 && verdicts.at(-1) === 'PASS' && !verdicts.some((v) => v.startsWith('FAIL')),
      stderrTail: res.stderr.split('\n').slice(-5).join('\n'),
    };
  } finally {
    await server.stop();
  }
}

function summary(r: PerfResult): string {
  return `${r.flavor} check perf --load=${r.load}: exit ${r.exit}\n  ${r.verdicts.join('\n  ') || '(no verdict)'}` +
    (r.stderrTail.trim() ? `\n  stderr: ${r.stderrTail.trim()}` : '');
}

describe.skipIf(pair === null)('etcdctl check perf', () => {
  const baseline = new Map<Load, PerfResult>();

  for (const load of loads) {
    test(`--load=${load}: real etcd on this machine (baseline)`, async () => {
      const result = await checkPerf('etcd', load);
      baseline.set(load, result);
      console.log(summary(result));
      if (!result.passed) {
        throw new Error(
          `real etcd itself FAILs check perf --load=${load} on this machine (too slow or too loaded); ` +
            `an etcd-lite FAIL for this load is therefore not conclusive.\n${summary(result)}`,
        );
      }
    }, 180_000);

    test.skipIf(!withLite)(`--load=${load}: etcd-lite passes as real etcd does`, async () => {
      const result = await checkPerf('etcd-lite', load);
      console.log(summary(result));
      const ref = baseline.get(load);
      const refText = ref === undefined ? 'real etcd baseline was not run' : summary(ref);
      if (!result.passed) {
        const verdict =
          ref === undefined || ref.passed
            ? 'etcd-lite FAILs where real etcd PASSes on this machine'
            : 'etcd-lite FAILs, but so does real etcd on this machine (inconclusive: machine too slow/loaded)';
        throw new Error(`${verdict}\n${summary(result)}\n${refText}`);
      }
      expect(result.verdicts.at(-1)).toBe('PASS');
    }, 180_000);
  }
});
