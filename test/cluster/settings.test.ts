// Settings precedence (flags > stored cluster.yaml > defaults), as a resumed `cluster up` relies
// on, and the phase lines users see on a terminal and in a log.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, Progress, clusterLayout, loadSettings, resolveSettings, saveSettings } from '@kubelite/cli';
import { tempDir } from './harness.js';

const root = tempDir('klctl-settings-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const endpoint = 'unix:///var/run/docker.sock';

describe('cluster settings', () => {
  it('shifts every port by --port-offset; --apiserver-port and --etcd-port win', () => {
    const s = resolveSettings({ nodeName: 'n', portOffset: 100, apiserverPort: 7000, etcdPort: 5000, containerRuntimeEndpoint: endpoint });
    expect(s.ports).toEqual({
      ...Object.fromEntries(Object.entries(DEFAULT_PORTS).map(([k, v]) => [k, v + 100])),
      apiserver: 7000,
      etcd: 5000,
      etcdPeer: 5001,
      etcdMetrics: 5002,
    });
  });

  it('keeps the stored node and ports when no flag says otherwise', () => {
    const layout = clusterLayout(join(root, 'a'));
    saveSettings(layout, resolveSettings({ nodeName: 'stored', portOffset: 7, containerRuntimeEndpoint: endpoint }));
    const stored = loadSettings(layout);
    const resumed = resolveSettings({}, stored);
    expect(resumed.nodeName).toBe('stored');
    expect(resumed.ports.kubelet).toBe(DEFAULT_PORTS.kubelet + 7);
    expect(resolveSettings({ apiserverPort: 9443 }, stored).ports).toEqual({ ...resumed.ports, apiserver: 9443 });
  });

  it('names a broken cluster.yaml and an out-of-range port', () => {
    const layout = clusterLayout(join(root, 'b'));
    saveSettings(layout, resolveSettings({ nodeName: 'x', containerRuntimeEndpoint: endpoint }));
    writeFileSync(layout.settingsFile, 'nodeName: x\nports: {etcd: "two"}\ncontainerRuntimeEndpoint: unix:///s\n');
    expect(() => loadSettings(layout)).toThrow(`${layout.settingsFile}: ports.etcd is not an integer; fix or remove it`);
    expect(() => resolveSettings({ nodeName: 'x', portOffset: 60_000, containerRuntimeEndpoint: endpoint })).toThrow(
      'kube-apiserver would listen on port 66443, outside 1-65535; lower --port-offset',
    );
    expect(() => resolveSettings({ nodeName: 'x', containerRuntimeEndpoint: 'tcp://1.2.3.4:2375' })).toThrow('is not unix:///path/to/docker.sock');
  });
});

describe('progress lines', () => {
  const capture = (isTTY: boolean, columns?: number): { out: string[]; progress: Progress } => {
    const out: string[] = [];
    return { out, progress: new Progress({ write: (c: string) => out.push(c), isTTY, ...(columns ? { columns } : {}) }) };
  };

  it('prints each phase once when not on a terminal', () => {
    const { out, progress } = capture(false);
    progress.start('waiting for the API server');
    progress.update('waiting for the API server (ECONNREFUSED)');
    progress.done('API server ready');
    expect(out.join('')).toBe('… waiting for the API server\n✓ API server ready\n');
  });

  it('rewrites the pending line in place on a terminal, cut to its width', () => {
    const { out, progress } = capture(true, 20);
    progress.start('waiting for the API server');
    progress.done('ready');
    expect(out.join('')).toBe('… waiting for the …\r\x1b[K✓ ready\n');
  });
});
