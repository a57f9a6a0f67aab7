// What a pod spec turns into on Docker: environment from the pod, ConfigMaps and Secrets; volumes
// (emptyDir shared with an init container, configMap, secret); init containers in order; resource
// limits as Docker limits; hostPort; and graceful termination with a preStop hook.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Pod } from '@kubelite/api';
import { describeDocker } from '../support/describe-docker.js';
import { BUSYBOX_IMAGE, ensureTestImages } from '../support/docker.js';
import { kubectlAsync } from '../support/kubectl-async.js';
import { startNodeCluster, type NodeCluster } from '../support/node-cluster.js';
import { freePort } from '../support/ports.js';
import { until } from '../support/until.js';

const image = { image: BUSYBOX_IMAGE, imagePullPolicy: 'IfNotPresent' };

describeDocker('kubelet on Docker: the pod spec', () => {
  let nc: NodeCluster;
  const pods = () => nc.client.resource<Pod>('', 'v1', 'pods').namespace('default');
  const phase = (name: string, want: string) =>
    until(`${name} ${want}`, async () => {
      const p = await pods().get(name).catch(() => undefined);
      return p?.status?.phase === want ? p : undefined;
    }, 60_000, 250);
  const apply = async (obj: unknown): Promise<void> => {
    const r = await kubectlAsync(nc.kubeconfig, ['apply', '--validate=false', '-f', '-'], { input: JSON.stringify(obj) });
    expect(r.stderr).toBe('');
  };
  const logs = async (name: string, container?: string): Promise<string> =>
    (await kubectlAsync(nc.kubeconfig, ['logs', name, ...(container ? ['-c', container] : [])])).stdout;

  beforeAll(async () => {
    ensureTestImages();
    nc = await startNodeCluster({ nodes: ['node-a'] });
  }, 120_000);
  afterAll(async () => nc?.stop(), 60_000);

  it('builds the environment and volumes, running init containers first', async () => {
    await apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { color: 'blue', 'app.conf': 'debug=true' } });
    await apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, stringData: { password: 's3cret' } });
    await apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'spec', labels: { tier: 'web' } },
      spec: {
        restartPolicy: 'Never',
        initContainers: [{ name: 'init', ...image, command: ['sh', '-c', 'echo from-init > /work/seed'], volumeMounts: [{ name: 'work', mountPath: '/work' }] }],
        containers: [
          {
            name: 'main',
            ...image,
            command: ['sh', '-c', 'echo "pod=$POD ns=$NS tier=$TIER color=$COLOR pw=$PW greeting=$GREETING"; cat /work/seed /cfg/app.conf /sec/password; echo'],
            env: [
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
              { name: 'TIER', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } },
              { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'color' } } },
              { name: 'PW', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } },
              { name: 'GREETING', value: 'hello-$(COLOR)' },
            ],
            volumeMounts: [
              { name: 'work', mountPath: '/work' },
              { name: 'cfg', mountPath: '/cfg' },
              { name: 'sec', mountPath: '/sec' },
            ],
          },
        ],
        volumes: [{ name: 'work', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }, { name: 'sec', secret: { secretName: 'sec' } }],
      },
    });
    const p = await phase('spec', 'Succeeded');
    expect(p.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect((await logs('spec', 'main')).split('\n')).toEqual([
      'pod=spec ns=default tier=web color=blue pw=s3cret greeting=hello-blue',
      'from-init',
      'debug=trues3cret',
      '',
    ]);
  }, 90_000);

  it('waits with CreateContainerConfigError while a referenced ConfigMap is missing', async () => {
    await apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nocfg' }, spec: { containers: [{ name: 'c', ...image, command: ['sleep', '60'], envFrom: [{ configMapRef: { name: 'missing' } }] }] } });
    const waiting = await until('config error', async () => (await pods().get('nocfg')).status?.containerStatuses?.[0]?.state?.waiting, 30_000, 250);
    expect(waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "missing" not found' });
  }, 60_000);

  it('maps resource limits and host ports onto Docker', async () => {
    const hostPort = await freePort();
    await apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'limits' },
      spec: {
        containers: [
          {
            name: 'web',
            ...image,
            command: ['sh', '-c', 'echo limited > /var/www/index.html; exec httpd -f -p 8080 -h /var/www'],
            ports: [{ containerPort: 8080, hostPort, hostIP: '127.0.0.1' }],
            resources: { requests: { cpu: '250m', memory: '32Mi' }, limits: { cpu: '500m', memory: '64Mi' } },
          },
        ],
      },
    });
    const p = await phase('limits', 'Running');
    const id = p.status!.containerStatuses![0]!.containerID!.replace('docker://', '');
    const host = JSON.parse(execFileSync('docker', ['inspect', '--format', '{{json .HostConfig}}', id], { encoding: 'utf8' })) as Record<string, number>;
    expect(host).toMatchObject({ CpuShares: 256, CpuQuota: 50_000, CpuPeriod: 100_000, Memory: 64 * 1024 * 1024, MemorySwap: 64 * 1024 * 1024 });
    const body = await until('host port answers', () => fetch(`http://127.0.0.1:${hostPort}/`).then((r) => r.text()).catch(() => undefined), 20_000, 200);
    expect(body.trim()).toBe('limited');
    expect(p.status?.qosClass).toBe('Burstable');
  }, 90_000);

  it('runs the preStop hook and stops within the grace period on delete', async () => {
    await apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'graceful' },
      spec: {
        terminationGracePeriodSeconds: 5,
        volumes: [{ name: 'out', hostPath: { path: `/tmp/kubelite-prestop-${nc.nodeName('x')}`, type: 'DirectoryOrCreate' } }],
        containers: [
          {
            name: 'c',
            ...image,
            // Ignores SIGTERM: only the grace period's SIGKILL ends it.
            command: ['sh', '-c', "trap '' TERM; while true; do sleep 1; done"],
            lifecycle: { preStop: { exec: { command: ['sh', '-c', 'echo prestop-ran > /out/marker'] } } },
            volumeMounts: [{ name: 'out', mountPath: '/out' }],
          },
        ],
      },
    });
    await phase('graceful', 'Running');
    const started = Date.now();
    const r = await kubectlAsync(nc.kubeconfig, ['delete', 'pod', 'graceful'], { timeoutMs: 30_000 });
    const took = Date.now() - started;
    expect(r.code).toBe(0);
    expect(took).toBeGreaterThan(4000); // SIGTERM was ignored: the kubelet waited out the grace period
    expect(took).toBeLessThan(15_000);
    const marker = execFileSync('cat', [`/tmp/kubelite-prestop-${nc.nodeName('x')}/marker`], { encoding: 'utf8' });
    expect(marker.trim()).toBe('prestop-ran');
    expect(await pods().get('graceful').catch(() => undefined)).toBeUndefined();
    execFileSync('rm', ['-rf', `/tmp/kubelite-prestop-${nc.nodeName('x')}`]);
  }, 90_000);
});
