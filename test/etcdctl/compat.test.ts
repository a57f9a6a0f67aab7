// Compatibility with the real etcdctl 3.4: every script section is run against a fresh real etcd
// and a fresh etcd-lite, and the normalized transcripts (stdout, stderr, exit code per invocation)
// must be identical. ETCDCTL_COMPAT_FLAVORS=etcd runs it against two real etcds instead (validates the
// scripts and the normalization); ETCDCTL_COMPAT_DUMP=<dir> writes both transcripts (normalized and
// raw) as JSON, one file per section.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startEtcd, type EtcdFlavor } from '../support/etcd-servers.js';
import { compatPair, runScript, type ScriptResult, type Step } from '../support/etcdctl-compat.js';
import { sections } from './compat-script.js';

const pair = compatPair();

async function scriptAgainst(flavor: EtcdFlavor, steps: Step[]): Promise<ScriptResult> {
  const server = await startEtcd(flavor);
  try {
    return await runScript(server.endpoint, steps);
  } finally {
    await server.stop();
  }
}

function dump(section: string, reference: ScriptResult, candidate: ScriptResult): void {
  const dir = process.env.ETCDCTL_COMPAT_DUMP;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${section}.json`), JSON.stringify({ reference, candidate }, null, 2));
}

describe.skipIf(pair === null)('etcdctl 3.4 against etcd and etcd-lite', () => {
  const [referenceFlavor, candidateFlavor] = pair ?? ['etcd', 'etcd'];

  for (const [section, steps] of Object.entries(sections)) {
    test(`${section}: ${candidateFlavor} prints what ${referenceFlavor} prints`, async () => {
      const reference = await scriptAgainst(referenceFlavor, steps);
      const candidate = await scriptAgainst(candidateFlavor, steps);
      dump(section, reference, candidate);
      expect(candidate.transcript.length).toBe(reference.transcript.length);
      reference.transcript.forEach((ref, i) => {
        // soft: report every differing invocation, not only the first one
        expect.soft(candidate.transcript[i], `${section} #${i}: ${ref.step}`).toEqual(ref);
      });
    }, 90_000);
  }
});
