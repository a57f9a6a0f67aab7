// Issue 7, acceptance 1 and 2, against a cluster with real pods: the real kubectl 1.32 with its
// default flags (client validation on, fieldValidation=Strict) prints no warnings for edit, run,
// expose, logs (-c, --previous, --tail, -f), exec -i, cp and drain/uncordon, and shows what users
// expect; an unknown field is refused, or with --validate=warn dropped with a warning.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Pod } from '@kubelite/api';
import type { KubectlResult } from '../support/apiserver.js';
import { describeDocker } from '../support/describe-docker.js';
import { BUSYBOX_IMAGE, ensureTestImages } from '../support/docker.js';
import { kubectlAsync } from '../support/kubectl-async.js';
import { startNodeCluster, waitNodeReady, type NodeCluster } from '../support/node-cluster.js';
import { until } from '../support/until.js';

type Container = Record<string, unknown>;

const podManifest = (name: string, containers: Container[], spec: Record<string, unknown> = {}): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: {
      terminationGracePeriodSeconds: 1,
      ...spec,
      containers: containers.map((c) => ({ image: BUSYBOX_IMAGE, imagePullPolicy: 'IfNotPresent', ...c })),
    },
  });

// PID 1 ignores SIGTERM unless it traps it: these pods stop at once when evicted or deleted.
const TRAPPED_SLEEP = 'trap "exit 0" TERM; while true; do sleep 1; done';

// Pods that stop promptly, so that drain's wait for evicted pods stays short.
const deployment = (name: string, replicas: number): string =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: BUSYBOX_IMAGE, command: ['sh', '-c', TRAPPED_SLEEP] }] },
      },
    },
  });

const sh = (name: string, script: string): Container => ({ name, command: ['sh', '-c', script] });

describeDocker('kubectl acceptance on a cluster with real pods', () => {
  let nc: NodeCluster;
  let dir: string;
  const k = (args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> => kubectlAsync(nc.kubeconfig, args, opts);
  /** A command that must succeed with nothing at all on stderr (no warnings). */
  const ok = async (args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> => {
    const r = await k(args, opts);
    expect({ args, stderr: r.stderr, code: r.code }).toEqual({ args, stderr: '', code: 0 });
    return r.stdout;
  };
  const getPod = (name: string): Promise<Pod> => nc.client.resource<Pod>('', 'v1', 'pods').namespace('default').get(name);
  const running = (name: string): Promise<Pod> =>
    until(`pod ${name} Running`, async () => {
      const p = await getPod(name);
      return p.status?.phase === 'Running' && p.status.containerStatuses?.every((c) => c.state?.running) ? p : undefined;
    }, 60_000, 250);

  beforeAll(async () => {
    ensureTestImages();
    dir = mkdtempSync(join(tmpdir(), 'kubectl-acceptance-'));
    nc = await startNodeCluster({ nodes: ['node-a'] });
    await waitNodeReady(nc, 'node-a');
  }, 120_000);

  afterAll(async () => {
    await nc?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('edits a Deployment through $EDITOR: the label and replicas change', async () => {
    expect(await ok(['create', '-f', '-'], { input: deployment('edited', 1) })).toBe('deployment.apps/edited created\n');
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i -e "s/^  replicas: 1$/  replicas: 2/" -e "s/^    app: edited$/    app: edited\\n    tier: web/" "$1"\n');
    chmodSync(editor, 0o755);
    const saved = process.env.EDITOR;
    process.env.EDITOR = editor;
    try {
      expect(await ok(['edit', 'deployment', 'edited'])).toBe('deployment.apps/edited edited\n');
    } finally {
      if (saved === undefined) delete process.env.EDITOR;
      else process.env.EDITOR = saved;
    }
    const out = await ok(['get', 'deployment', 'edited', '-o', 'jsonpath={.spec.replicas} {.metadata.labels.tier}']);
    expect(out).toBe('2 web');
  }, 60_000);

  it('runs a pod and exposes it and a Deployment as Services with endpoints', async () => {
    const httpd = `--image=${BUSYBOX_IMAGE}`;
    expect(await ok(['run', 'runner', httpd, '--image-pull-policy=IfNotPresent', '--port=8080', '--command', '--', 'sh', '-c', `httpd -p 8080 -h /; ${TRAPPED_SLEEP}`])).toBe('pod/runner created\n');
    expect(await ok(['expose', 'pod', 'runner', '--port=80', '--target-port=8080'])).toBe('service/runner exposed\n');
    const pod = await running('runner');
    const svc = JSON.parse(await ok(['get', 'service', 'runner', '-o', 'json'])) as { spec: { selector: Record<string, string>; ports: { port: number; targetPort: number }[] } };
    expect(svc.spec.selector).toEqual({ run: 'runner' });
    expect(svc.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080 });
    await until('runner endpoints', async () => (await k(['get', 'endpoints', 'runner', '-o', 'jsonpath={.subsets[0].addresses[0].ip}'])).stdout === pod.status?.podIP, 30_000, 250);
    expect(await ok(['expose', 'deployment', 'edited', '--port=80', '--target-port=8080'])).toBe('service/edited exposed\n');
    expect(await ok(['get', 'service', 'edited', '-o', 'jsonpath={.spec.selector.app}'])).toBe('edited');
  }, 90_000);

  it('shows one container\'s logs with -c, and the last lines with --tail', async () => {
    const lines = 'for i in 1 2 3 4 5 6 7 8 9 10; do echo line-$i; done; sleep 3600';
    expect(await ok(['create', '-f', '-'], { input: podManifest('two', [sh('first', 'echo from-first; sleep 3600'), sh('second', lines)]) })).toBe('pod/two created\n');
    await running('two');
    await until('second container logged', async () => (await k(['logs', 'two', '-c', 'second'])).stdout.includes('line-10'), 20_000, 250);
    expect(await ok(['logs', 'two', '-c', 'first'])).toBe('from-first\n');
    expect(await ok(['logs', 'two', '-c', 'second', '--tail=3'])).toBe('line-8\nline-9\nline-10\n');
  }, 90_000);

  it('shows the previous run of a restarted container with --previous', async () => {
    // The run number survives the restart in an emptyDir, so each run logs something different.
    const script = 'n=$(($(cat /data/n 2>/dev/null || echo 0)+1)); echo $n > /data/n; echo run-$n; [ $n -ge 2 ] && exec sleep 3600; exit 1';
    const container = { ...sh('c', script), volumeMounts: [{ name: 'data', mountPath: '/data' }] };
    expect(await ok(['create', '-f', '-'], { input: podManifest('restarter', [container], { volumes: [{ name: 'data', emptyDir: {} }] }) })).toBe('pod/restarter created\n');
    await until('restarted and running', async () => {
      const s = (await getPod('restarter')).status?.containerStatuses?.[0];
      return (s?.restartCount ?? 0) >= 1 && s?.state?.running !== undefined;
    }, 60_000, 250);
    expect(await ok(['logs', 'restarter', '--previous'])).toBe('run-1\n');
    expect(await ok(['logs', 'restarter'])).toBe('run-2\n');
  }, 90_000);

  it('follows logs with -f until the container exits', async () => {
    const script = 'echo start; sleep 2; echo done';
    expect(await ok(['create', '-f', '-'], { input: podManifest('follow', [sh('c', script)], { restartPolicy: 'Never' }) })).toBe('pod/follow created\n');
    await until('follow started', async () => (await getPod('follow')).status?.containerStatuses?.[0]?.state?.running !== undefined, 30_000, 100);
    const started = Date.now();
    const r = await k(['logs', '-f', 'follow'], { timeoutMs: 30_000 });
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ code: 0, stderr: '', stdout: 'start\ndone\n' });
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('passes stdin to exec -i and the command\'s exit code back', async () => {
    expect(await ok(['run', 'shell', `--image=${BUSYBOX_IMAGE}`, '--image-pull-policy=IfNotPresent', '--command', '--', 'sh', '-c', TRAPPED_SLEEP])).toBe('pod/shell created\n');
    await running('shell');
    expect(await ok(['exec', '-i', 'shell', '--', 'cat'], { input: 'hi\nthere\n' })).toBe('hi\nthere\n');
    const failed = await k(['exec', 'shell', '--', 'sh', '-c', 'echo out; echo err >&2; exit 7']);
    expect(failed).toMatchObject({ code: 7, stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 7\n' });
  }, 60_000);

  it('copies a file into a pod and back out with kubectl cp', async () => {
    await running('shell');
    const local = join(dir, 'in.txt');
    writeFileSync(local, 'copied through tar\nsecond line\n');
    expect(await ok(['cp', local, 'shell:/tmp/in.txt'])).toBe('');
    expect(await ok(['exec', 'shell', '--', 'cat', '/tmp/in.txt'])).toBe('copied through tar\nsecond line\n');
    const back = join(dir, 'out.txt');
    const r = await k(['cp', 'shell:/tmp/in.txt', back]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    // busybox tar in the pod warns about the leading '/'; kubectl relays the pod's stderr to its
    // stdout but exits once the archive is read, so the line may or may not make it out.
    expect(r.stdout).toMatch(/^(tar: removing leading '\/' from member names\n)?$/);
    expect(readFileSync(back, 'utf8')).toBe('copied through tar\nsecond line\n');
  }, 60_000);

  it('refuses an unknown field with the strict message; --validate=warn drops it with a warning', async () => {
    const bad = podManifest('bad', [{ ...sh('c', 'sleep 3600'), imagePullPolicyy: 'Always' }]);
    const strict = await k(['apply', '-f', '-'], { input: bad });
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain('strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"');
    expect((await k(['get', 'pod', 'bad'])).code).not.toBe(0);
    const warn = await k(['apply', '--validate=warn', '-f', '-'], { input: bad });
    expect(warn).toMatchObject({ code: 0, stdout: 'pod/bad created\n', stderr: 'Warning: unknown field "spec.containers[0].imagePullPolicyy"\n' });
    const stored = JSON.parse(await ok(['get', 'pod', 'bad', '-o', 'json'])) as { spec: { containers: Container[] } };
    expect(stored.spec.containers[0]).not.toHaveProperty('imagePullPolicyy');
    expect(await ok(['delete', 'pod', 'bad'], { timeoutMs: 30_000 })).toBe('pod "bad" deleted\n');
  }, 60_000);

  it('runs a Job created by kubectl create job to completion and creates a generic Secret', async () => {
    expect(await ok(['create', 'job', 'once', `--image=${BUSYBOX_IMAGE}`, '--', 'echo', 'job done'])).toBe('job.batch/once created\n');
    expect(await ok(['wait', '--for=condition=complete', 'job/once', '--timeout=60s'], { timeoutMs: 70_000 })).toBe('job.batch/once condition met\n');
    expect(await ok(['logs', 'job/once'])).toBe('job done\n');
    expect(await ok(['create', 'secret', 'generic', 'creds', '--from-literal=user=admin'])).toBe('secret/creds created\n');
    expect(await ok(['get', 'secret', 'creds', '-o', 'jsonpath={.type} {.data.user}'])).toBe(`Opaque ${Buffer.from('admin').toString('base64')}`);
  }, 90_000);

  it('drains the node (refusing a standalone pod without --force), then uncordons it', async () => {
    const node = nc.nodeName('node-a');
    expect(await ok(['apply', '-f', '-'], { input: deployment('drained', 2) })).toBe('deployment.apps/drained created\n');
    await until('drained pods Running', async () => {
      const list = await nc.client.resource<Pod>('', 'v1', 'pods').namespace('default').list({ labelSelector: 'app=drained' });
      return list.items.filter((p) => p.status?.phase === 'Running').length === 2;
    }, 60_000, 250);
    await running('shell');

    const refused = await k(['drain', node, '--ignore-daemonsets', '--delete-emptydir-data'], { timeoutMs: 60_000 });
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe(`node/${node} cordoned\n`);
    expect(refused.stderr).toMatch(/cannot delete Pods that declare no controller \(use --force to override\): [^\n]*default\/shell/);

    const drained = await k(['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--force'], { timeoutMs: 90_000 });
    expect(drained.code).toBe(0);
    // Every other test's bare pod is on this node too; the warning lists them all, and nothing else is printed.
    expect(drained.stderr).toMatch(/^Warning: deleting Pods that declare no controller: [^\n]*default\/shell[^\n]*\n$/);
    // "evicting pod" and "evicted" are what kubectl prints when it uses policy/v1 Eviction (not DELETE).
    expect(drained.stdout).toMatch(/^evicting pod default\/drained-/m);
    expect(drained.stdout.match(/^pod\/drained-\S+ evicted$/gm)).toHaveLength(2);
    expect(drained.stdout).toMatch(/^pod\/shell evicted$/m);
    expect(drained.stdout).toContain(`node/${node} drained`);

    expect(await ok(['get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}'])).toBe('true');
    expect((await k(['get', 'pod', 'shell'])).stderr).toContain('pods "shell" not found');
    await until('replacement pods Pending on the cordoned node', async () => {
      const list = await nc.client.resource<Pod>('', 'v1', 'pods').namespace('default').list({ labelSelector: 'app=drained' });
      const live = list.items.filter((p) => !p.metadata.deletionTimestamp);
      return live.length === 2 && live.every((p) => p.status?.phase === 'Pending' && !p.spec?.nodeName);
    }, 60_000, 250);

    expect(await ok(['uncordon', node])).toBe(`node/${node} uncordoned\n`);
    await until('drained pods Running again', async () => {
      const list = await nc.client.resource<Pod>('', 'v1', 'pods').namespace('default').list({ labelSelector: 'app=drained' });
      return list.items.filter((p) => p.status?.phase === 'Running' && p.spec?.nodeName === node).length === 2;
    }, 60_000, 250);
  }, 240_000);
});
