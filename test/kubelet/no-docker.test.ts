// Docker unreachable: the node registers NotReady with a message that says so, and static pods on
// the process runtime still run (the control plane must come up before anything else can).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node, Pod } from '@kubelite/api';
import { startNodeCluster, type NodeCluster } from '../support/node-cluster.js';
import { until } from '../support/until.js';

describe('kubelet without Docker', () => {
  let nc: NodeCluster;
  let manifests: string;

  beforeAll(async () => {
    manifests = mkdtempSync(join(tmpdir(), 'kubelite-manifests-'));
    writeFileSync(
      join(manifests, 'echo.yaml'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'echo', namespace: 'kube-system' },
        spec: { hostNetwork: true, runtimeClassName: 'process', containers: [{ name: 'echo', image: 'host/sh:1', command: ['sh', '-c', 'echo up; exec sleep 600'] }] },
      }),
    );
    nc = await startNodeCluster({ scheduler: false, controllerManager: false });
    await nc.startKubelet('lonely', { containerRuntimeEndpoint: 'unix:///nonexistent/docker.sock', podManifestPath: manifests });
  }, 60_000);
  afterAll(async () => {
    await nc?.stop();
    rmSync(manifests, { recursive: true, force: true });
  }, 60_000);

  it('reports the node NotReady, saying the container runtime is down', async () => {
    const ready = await until('Ready condition', async () => {
      const n = await nc.client.resource<Node>('', 'v1', 'nodes').get(nc.nodeName('lonely')).catch(() => undefined);
      return n?.status?.conditions?.find((c) => c.type === 'Ready');
    }, 20_000);
    expect(ready).toMatchObject({ status: 'False', reason: 'KubeletNotReady' });
    expect(ready.message).toMatch(/container runtime is down.*\/nonexistent\/docker\.sock/);
  }, 30_000);

  it('still runs static process pods and mirrors them', async () => {
    const mirror = await until('mirror pod Running', async () => {
      const p = await nc.client.resource<Pod>('', 'v1', 'pods').namespace('kube-system').get(`echo-${nc.nodeName('lonely')}`).catch(() => undefined);
      return p?.status?.phase === 'Running' ? p : undefined;
    }, 20_000);
    expect(mirror.status?.containerStatuses?.[0]).toMatchObject({ name: 'echo', ready: true, started: true });
    expect(mirror.status?.containerStatuses?.[0]?.containerID).toMatch(/^process:\/\//);
  }, 30_000);
});
