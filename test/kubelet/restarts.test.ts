// Issue 6, acceptance 3: CrashLoopBackOff with growing restarts, liveness restarts, and readiness
// taking a pod out of its Service's endpoints — as kubectl and the Endpoints object show them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Endpoints, Pod, Service } from '@kubelite/api';
import { kubectlAsync } from '../support/kubectl-async.js';
import { describeDocker } from '../support/describe-docker.js';
import { BUSYBOX_IMAGE, ensureTestImages } from '../support/docker.js';
import { startNodeCluster, type NodeCluster } from '../support/node-cluster.js';
import { until } from '../support/until.js';

const pod = (name: string, container: Record<string, unknown>, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels },
  spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: BUSYBOX_IMAGE, imagePullPolicy: 'IfNotPresent', ...container }] },
});

describeDocker('kubelet on Docker: restarts and probes', () => {
  let nc: NodeCluster;
  const get = (name: string): Promise<Pod> => nc.client.resource<Pod>('', 'v1', 'pods').namespace('default').get(name);

  beforeAll(async () => {
    ensureTestImages();
    nc = await startNodeCluster({ nodes: ['node-a'] });
  }, 120_000);
  afterAll(async () => nc?.stop(), 60_000);

  it('shows CrashLoopBackOff with growing restarts for a container exiting 1', async () => {
    expect((await kubectlAsync(nc.kubeconfig, ['apply', '--validate=false', '-f', '-'], { input: JSON.stringify(pod('crash', { command: ['sh', '-c', 'echo dying; exit 1'] })) })).code).toBe(0);
    const p = await until('CrashLoopBackOff after restarts', async () => {
      const s = (await get('crash')).status?.containerStatuses?.[0];
      return s?.state?.waiting?.reason === 'CrashLoopBackOff' && (s.restartCount ?? 0) >= 1 ? s : undefined;
    }, 60_000, 250);
    expect(p.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(p.state?.waiting?.message).toMatch(/^back-off \d+s restarting failed container=c pod=crash_default\(/);
    const first = p.restartCount ?? 0;
    await until('restart count grows', async () => ((await get('crash')).status?.containerStatuses?.[0]?.restartCount ?? 0) > first, 40_000, 500);
    const table = await kubectlAsync(nc.kubeconfig, ['get', 'pod', 'crash', '--no-headers']);
    expect(table.stdout).toMatch(/^crash\s+0\/1\s+(CrashLoopBackOff|Error)\s+\d+ \(\d+s ago\)/);
    const previous = await kubectlAsync(nc.kubeconfig, ['logs', 'crash', '--previous']);
    expect(previous.stdout).toContain('dying');
  }, 120_000);

  it('restarts a container whose liveness probe fails', async () => {
    const liveness = { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 1, failureThreshold: 1, initialDelaySeconds: 1 };
    const spec = pod('live', { command: ['sh', '-c', 'touch /tmp/healthy; sleep 3; rm /tmp/healthy; sleep 600'], livenessProbe: liveness });
    expect((await kubectlAsync(nc.kubeconfig, ['apply', '--validate=false', '-f', '-'], { input: JSON.stringify(spec) })).code).toBe(0);
    const s = await until('restarted by liveness', async () => {
      const cs = (await get('live')).status?.containerStatuses?.[0];
      return (cs?.restartCount ?? 0) >= 1 ? cs : undefined;
    }, 60_000, 250);
    expect(s.lastState?.terminated?.exitCode).toBe(137);
    const events = await kubectlAsync(nc.kubeconfig, ['get', 'events', '--field-selector', 'involvedObject.name=live', '-o', 'jsonpath={range .items[*]}{.reason}:{.message}{"\\n"}{end}']);
    expect(events.stdout).toMatch(/Unhealthy:Liveness probe failed/);
    expect(events.stdout).toContain('Killing:Container c failed liveness probe, will be restarted');
  }, 90_000);

  it('takes a pod whose readiness probe fails out of its Service endpoints', async () => {
    const readiness = { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 1, failureThreshold: 1 };
    const spec = pod('ready', { command: ['sh', '-c', 'touch /tmp/ready; exec httpd -f -p 8080 -h /'], readinessProbe: readiness, ports: [{ containerPort: 8080 }] }, { app: 'ready' });
    expect((await kubectlAsync(nc.kubeconfig, ['apply', '--validate=false', '-f', '-'], { input: JSON.stringify(spec) })).code).toBe(0);
    await nc.client.resource<Service>('', 'v1', 'services').namespace('default').create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ready' },
      spec: { selector: { app: 'ready' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    const eps = (): Promise<Endpoints> => nc.client.resource<Endpoints>('', 'v1', 'endpoints').namespace('default').get('ready');
    const ip = await until('pod ready in endpoints', async () => (await eps().catch(() => undefined))?.subsets?.[0]?.addresses?.[0]?.ip, 60_000, 250);
    expect(ip).toBe((await get('ready')).status?.podIP);
    expect((await kubectlAsync(nc.kubeconfig, ['exec', 'ready', '--', 'rm', '/tmp/ready'])).code).toBe(0);
    await until('pod moved to notReadyAddresses', async () => {
      const s = (await eps()).subsets?.[0];
      return !s?.addresses?.length && s?.notReadyAddresses?.[0]?.ip === ip;
    }, 30_000, 250);
    const p = await get('ready');
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(p.status?.containerStatuses?.[0]).toMatchObject({ ready: false, restartCount: 0 });
  }, 90_000);
});
