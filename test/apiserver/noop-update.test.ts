// A write that changes nothing is no write: the same resourceVersion comes back and watchers see
// no event — for server-side apply, client-side apply and a plain PUT of the stored object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, startTestCluster, type TestCluster } from '../support/apiserver.js';

const cm = (data: Record<string, string>): string => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'same', namespace: 'default' }, data });
const rvOf = (out: string): string => (JSON.parse(out) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;

describe('no-op updates', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startTestCluster();
  });
  afterAll(async () => c?.stop());

  it('keep the resourceVersion', () => {
    const apply = (args: string[], body: string): string => {
      const r = kubectl(c.certKubeconfig, ['apply', ...args, '-f', '-', '-o', 'json'], { input: body });
      expect(r.stderr).toBe('');
      return rvOf(r.stdout);
    };
    const first = apply(['--server-side'], cm({ a: '1' }));
    expect(apply(['--server-side'], cm({ a: '1' }))).toBe(first);
    const changed = apply(['--server-side'], cm({ a: '2' }));
    expect(Number(changed)).toBeGreaterThan(Number(first));
    const got = kubectl(c.certKubeconfig, ['get', 'configmap', 'same', '-o', 'json']).stdout;
    const put = kubectl(c.certKubeconfig, ['replace', '-f', '-', '-o', 'json'], { input: got });
    expect(rvOf(put.stdout)).toBe(changed);
  });
});
