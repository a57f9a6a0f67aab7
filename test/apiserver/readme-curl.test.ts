// The README's curl examples, run as written (with real curl) against a real apiserver: the
// block after the `tested by` marker must keep working, or this fails.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { repoRoot, requireTool } from '../support/etcd-servers.js';

const MARKER = '<!-- tested by test/apiserver/readme-curl.test.ts -->';
const hasCurl = requireTool('curl', spawnSync('curl', ['--version']).status === 0);

/** The shell lines of the fenced block right after the marker (comments and blanks dropped). */
function readmeCurlLines(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const at = readme.indexOf(MARKER);
  if (at < 0) throw new Error(`README.md has no ${MARKER}`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block?.[1]) throw new Error('no ```sh block after the marker');
  return block[1].split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

describe.skipIf(!hasCurl)('README curl examples', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('create a pod, list, watch — exactly as the README writes them', () => {
    const lines = readmeCurlLines();
    expect(lines.some((l) => l.includes('-X POST'))).toBe(true);
    // One shell runs the block, so its variable definitions apply; the watch is cut after 3 s.
    const script = lines.map((l) => (l.includes('watch=') ? `${l} --max-time 3 || true` : l)).join('\n');
    const r = spawnSync('bash', ['-e', '-c', script], {
      encoding: 'utf8',
      env: { ...process.env, K: join(cluster.dir, 'pki'), API: cluster.url },
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout;
    // The POST answers the created Pod, the list a PodList with it, the watch an ADDED event.
    expect(out).toMatch(/"kind":"Pod".*"name":"hello"/);
    expect(out).toMatch(/"kind":"PodList"/);
    expect(out).toMatch(/\{"type":"ADDED","object":\{"apiVersion":"v1","kind":"Pod","metadata":\{"name":"hello"/);
  });
});
