// klctl's pod-facing verbs against real containers: get pods compared with the real kubectl,
// rollout status|restart|history|undo, logs, exec (stdin, exit codes), drain.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { kubectlAsync } from '../support/kubectl-async.js';
import { describeDocker } from '../support/describe-docker.js';
import { BUSYBOX_IMAGE, ensureTestImages } from '../support/docker.js';
import { startNodeCluster, type NodeCluster } from '../support/node-cluster.js';
import { cells, klctlRun } from './run.js';

const deployment = (replicas: number, message: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: main
        image: ${BUSYBOX_IMAGE}
        command: ["sh", "-c", "echo ${message}; echo second line; exec sleep 3600"]
`;

describeDocker('klctl with running pods', () => {
  let nc: NodeCluster;
  let kc: string;
  const k = (...args: string[]) => klctlRun(kc, args, { timeoutMs: 60_000 });

  beforeAll(async () => {
    ensureTestImages();
    nc = await startNodeCluster({ nodes: ['node-a'] });
    kc = nc.kubeconfig;
  }, 120_000);
  afterAll(async () => {
    await nc?.stop();
  }, 60_000);

  let pod = '';

  it('apply then rollout status waits until the deployment is available', async () => {
    expect((await klctlRun(kc, ['apply', '-f', '-'], { input: deployment(2, 'hello v1') })).stdout).toBe('deployment.apps/web created\n');
    const r = await k('rollout', 'status', 'deployment/web', '--timeout', '50s');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
    // the pods may start before the first look; every earlier line is kubectl's waiting message
    for (const line of r.stdout.trimEnd().split('\n').slice(0, -1)) expect(line).toMatch(/^Waiting for deployment (spec update|"web" rollout)/);
  }, 60_000);

  it('get pods shows the same columns and cells as the real kubectl', async () => {
    const [ours, theirs] = await Promise.all([k('get', 'pods', '-o', 'wide'), kubectlAsync(kc, ['get', 'pods', '-o', 'wide'])]);
    const strip = (out: string): string[][] =>
      out.trimEnd().split('\n').map((l) => {
        const c = cells(l);
        const age = c.indexOf('AGE');
        return c.filter((_, i) => i !== (age >= 0 ? age : 4));
      });
    const mine = strip(ours.stdout);
    expect(cells(ours.stdout.split('\n')[0] ?? '')).toEqual(cells(theirs.stdout.split('\n')[0] ?? ''));
    expect(mine.length).toBe(3);
    expect(new Set(mine.map((r) => r.join('|')))).toEqual(new Set(strip(theirs.stdout).map((r) => r.join('|'))));
    expect(mine.slice(1).every((r) => r[1] === '1/1' && r[2] === 'Running')).toBe(true);
    pod = mine[1]?.[0] ?? '';
  });

  it('describe shows the pod, its containers and its events', async () => {
    const r = await k('describe', 'pod', pod);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Name:\\s+${pod}\n`));
    expect(r.stdout).toMatch(/^Status:\s+Running$/m);
    expect(r.stdout).toMatch(/^ {4}Image:\s+kubelite\/busybox:1\.36$/m);
    expect(r.stdout).toMatch(/^Events:\n {2}Type\s+Reason\s+Age\s+From\s+Message$/m);
    expect(r.stdout).toMatch(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\//);
    const d = await k('describe', 'deploy/web');
    expect(d.stdout).toMatch(/^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m);
  });

  it('logs prints the container output; --tail limits it', async () => {
    expect((await k('logs', pod)).stdout).toBe('hello v1\nsecond line\n');
    expect((await k('logs', `pod/${pod}`, '--tail', '1')).stdout).toBe('second line\n');
    const bad = await k('logs', pod, '-c', 'nope');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`container nope is not valid for pod ${pod}`);
  });

  it('exec runs a command, passes stdin and returns its exit code', async () => {
    const r = await k('exec', pod, '--', 'sh', '-c', 'echo out; echo err >&2; exit 3');
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\ncommand terminated with exit code 3\n');
    expect(r.code).toBe(3);
    const piped = await klctlRun(kc, ['exec', '-i', pod, '--', 'cat'], { input: 'through stdin\n' });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe('through stdin\n');
  });

  it('rollout restart, history and undo move between revisions', async () => {
    expect((await klctlRun(kc, ['apply', '-f', '-'], { input: deployment(2, 'hello v2') })).stdout).toBe('deployment.apps/web configured\n');
    expect((await k('rollout', 'status', 'deploy/web', '--timeout', '50s')).code).toBe(0);
    const hist = await k('rollout', 'history', 'deployment', 'web');
    const lines = hist.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('deployment.apps/web ');
    expect(cells(lines[1] ?? '')).toEqual(['REVISION', 'CHANGE-CAUSE']);
    expect(lines.slice(2).map((l) => cells(l)[0])).toEqual(['1', '2']);
    expect((await k('rollout', 'undo', 'deploy/web')).stdout).toBe('deployment.apps/web rolled back\n');
    expect((await k('rollout', 'status', 'deploy/web', '--timeout', '50s')).code).toBe(0);
    const tpl = await kubectlAsync(kc, ['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].command[2]}']);
    expect(tpl.stdout).toContain('hello v1');
    expect((await k('rollout', 'restart', 'deploy/web')).stdout).toBe('deployment.apps/web restarted\n');
    const ann = await kubectlAsync(kc, ['get', 'deploy', 'web', '-o', "jsonpath={.spec.template.metadata.annotations['kubectl\\.kubernetes\\.io/restartedAt']}"]);
    expect(ann.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await k('rollout', 'status', 'deploy/web', '--timeout', '50s')).code).toBe(0);
  }, 120_000);

  it('drain refuses a bare pod without --force, then evicts everything', async () => {
    await kubectlAsync(kc, ['run', 'bare', `--image=${BUSYBOX_IMAGE}`, '--', 'sleep', '3600']);
    const node = nc.nodeName('node-a');
    const refused = await k('drain', node);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot delete Pods that declare no controller (use --force to override): default/bare');
    const r = await k('drain', node, '--force', '--ignore-daemonsets', '--grace-period', '1', '--timeout', '50s');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`node/${node} already cordoned`);
    expect(r.stdout).toContain('evicting pod default/bare');
    expect(r.stdout).toContain('pod/bare evicted');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`node/${node} drained`);
    const nodes = await k('get', 'nodes');
    expect(nodes.stdout).toContain('Ready,SchedulingDisabled');
  }, 90_000);
});
