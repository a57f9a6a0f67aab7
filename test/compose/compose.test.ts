// `docker-compose up` as a user runs it: the offline base image, the kubelite image built from
// the workspace, every component in its own container, two kubelets running pods as sibling
// containers; then `down -v` must leave no pod and no compose container behind.
// Needs Docker and Compose (v1 `docker-compose` or v2 `docker compose`) and a built workspace
// (`pnpm build`). Without them the file is skipped locally and FAILS under CI=true.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSYBOX_IMAGE, dockerAvailable, dockerPs, ensureTestImages } from '../support/docker.js';
import { repoRoot } from '../support/etcd-servers.js';
import { kubectlAsync } from '../support/kubectl-async.js';
import { freePort } from '../support/ports.js';
import { until } from '../support/until.js';

const NODES = ['node-1', 'node-2'];
const NODE_LABEL = 'io.kubelite.node.name';
const NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
const COMPONENTS = ['etcd-lite', 'apiserver', 'scheduler', 'controller-manager', 'kubelet', 'proxy'];
const PORT_VARS = [
  'KUBELITE_APISERVER_PORT', 'KUBELITE_ETCD_PORT', 'KUBELITE_ETCD_METRICS_PORT', 'KUBELITE_SCHEDULER_PORT',
  'KUBELITE_CONTROLLER_MANAGER_PORT', 'KUBELITE_NODE1_PORT', 'KUBELITE_NODE1_HEALTHZ_PORT', 'KUBELITE_NODE2_PORT',
  'KUBELITE_NODE2_HEALTHZ_PORT', 'KUBELITE_PROXY_HEALTHZ_PORT', 'KUBELITE_PROXY_METRICS_PORT',
];

// unique per run: other compose projects and other tests' pods on node-1/node-2 are left alone
const project = `kltest${process.pid}${Date.now().toString(36)}`;
const namespace = `compose-${Date.now().toString(36)}`;

/** `docker-compose` (Debian's v1) when installed, else the v2 plugin. */
function composeCommand(): string[] | undefined {
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  return undefined;
}

interface RunResult {
  code: number;
  output: string;
}

/** A command run without blocking the event loop, killed after timeoutMs. */
function run(argv: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const [file = '', ...args] = argv;
    const child = spawn(file, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => (output += `${file}: ${err.message}\n`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

/** This test's pod containers on a node (`docker ps -a`, both labels), as id and state. */
function podContainers(node: string): { id: string; state: string }[] {
  const out = execFileSync(
    'docker',
    ['ps', '-a', '--no-trunc', '--filter', `label=${NODE_LABEL}=${node}`, '--filter', `label=${NAMESPACE_LABEL}=${namespace}`, '--format', '{{.ID}}\t{{.State}}'],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter(Boolean).map((l) => {
    const [id = '', state = ''] = l.split('\t');
    return { id, state };
  });
}

interface PodView {
  name: string;
  phase: string;
  node: string;
}

const compose = composeCommand();
const runnable = dockerAvailable() && compose !== undefined;

(runnable || process.env.CI ? describe : describe.skip)('docker-compose: a two-node kubelite from one image', () => {
  let stateDir = '';
  let kubeconfig = '';
  let env: NodeJS.ProcessEnv = process.env;
  let downDone = false;
  const composeRun = (args: string[], timeoutMs: number): Promise<RunResult> =>
    run([...(compose ?? ['docker-compose']), '-p', project, '-f', join(repoRoot, 'docker-compose.yml'), ...args], env, timeoutMs);

  beforeAll(async () => {
    if (!compose) throw new Error('neither docker-compose nor `docker compose` is installed (apt-get install docker-compose); CI requires it');
    const missing = COMPONENTS.filter((c) => !existsSync(join(repoRoot, 'packages', c, 'dist/main.js')));
    if (missing.length) throw new Error(`workspace not built (no dist/main.js in ${missing.join(', ')}): run pnpm build first`);
    ensureTestImages();
    execFileSync('bash', [join(repoRoot, 'scripts/build-base-image.sh')], { stdio: 'pipe' });

    stateDir = mkdtempSync(join(tmpdir(), 'kubelite-compose-'));
    const composeDir = join(stateDir, 'kubeconfig');
    const nodeRoot = join(stateDir, 'nodes');
    // made by us, so compose-init hands admin.kubeconfig to our user when we are not root
    mkdirSync(composeDir);
    mkdirSync(nodeRoot);
    kubeconfig = join(composeDir, 'admin.kubeconfig');
    const ports: Record<string, string> = {};
    for (const v of PORT_VARS) ports[v] = String(await freePort());
    env = {
      ...process.env,
      ...ports,
      KUBELITE_COMPOSE_DIR: composeDir,
      KUBELITE_NODE_ROOT: nodeRoot,
      // Compose v1 builds through docker-py (the classic builder) unless told otherwise; BuildKit
      // would need buildx, which an offline host may not have.
      ...(compose[0] === 'docker-compose' ? { COMPOSE_DOCKER_CLI_BUILD: '0', DOCKER_BUILDKIT: '0' } : {}),
    };

    const started = Date.now();
    const up = await composeRun(['up', '-d', '--build'], 170_000);
    if (up.code !== 0) throw new Error(`compose up failed (${up.code}):\n${up.output.slice(-3000)}`);
    process.stderr.write(`compose: up -d --build took ${Date.now() - started} ms\n`);
  }, 200_000);

  afterAll(async () => {
    if (!runnable) return;
    if (!downDone) await composeRun(['down', '-v', '--remove-orphans'], 90_000);
    const leftovers = [
      ...NODES.flatMap((n) => podContainers(n).map((c) => c.id)),
      ...dockerPs(`com.docker.compose.project=${project}`).map((c) => c.id),
    ];
    if (leftovers.length) spawnSync('docker', ['rm', '-f', '-v', ...leftovers], { stdio: 'ignore' });
    spawnSync('docker', ['volume', 'rm', '-f', `${project}_etcd-data`], { stdio: 'ignore' });
    if (!stateDir) return;
    try {
      rmSync(stateDir, { recursive: true, force: true });
    } catch {
      // root-owned files the containers wrote (PKI, pod dirs): remove them as root, in Docker
      spawnSync('docker', ['run', '--rm', '--network', 'none', '-v', `${stateDir}:/state`, BUSYBOX_IMAGE, 'rm', '-rf', '/state/kubeconfig', '/state/nodes']);
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('writes an admin kubeconfig for the host, and kubectl sees two Ready nodes', async () => {
    const started = Date.now();
    const ready = await until(
      'node-1 and node-2 Ready',
      async () => {
        const r = await kubectlAsync(kubeconfig, ['get', 'nodes', '-o', 'json'], { timeoutMs: 10_000 });
        if (r.code !== 0) return false;
        const nodes = (JSON.parse(r.stdout) as { items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[] }).items;
        const names = nodes.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).map((n) => n.metadata.name);
        return NODES.every((n) => names.includes(n)) ? names.sort() : false;
      },
      120_000,
      1_000,
    );
    expect(ready).toEqual(NODES);
    const table = await kubectlAsync(kubeconfig, ['get', 'nodes']);
    expect(table.stdout).toMatch(/^node-1\s+Ready\s/m);
    expect(table.stdout).toMatch(/^node-2\s+Ready\s/m);
    process.stderr.write(`compose: 2 Ready nodes ${Date.now() - started} ms after up returned\n`);
  }, 130_000);

  it('runs a Deployment with pods on both nodes, as sibling Docker containers', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'spread', namespace },
      spec: {
        replicas: 4,
        selector: { matchLabels: { app: 'spread' } },
        template: {
          metadata: { labels: { app: 'spread' } },
          spec: {
            terminationGracePeriodSeconds: 2,
            topologySpreadConstraints: [
              { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'spread' } } },
            ],
            containers: [
              // PID 1 handles TERM, so the kubelets' shutdown on `down` takes milliseconds
              { name: 'sleep', image: BUSYBOX_IMAGE, imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"] },
            ],
          },
        },
      },
    };
    // JSON through apply, not `kubectl create namespace`: the generator commands send protobuf
    const list = { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, deployment] };
    const applied = await kubectlAsync(kubeconfig, ['apply', '--validate=false', '-f', '-'], { input: JSON.stringify(list) });
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain(`namespace/${namespace} created`);
    expect(applied.stdout).toContain('deployment.apps/spread created');

    const started = Date.now();
    const pods = await until(
      '4 Running pods',
      async () => {
        const r = await kubectlAsync(kubeconfig, ['get', 'pods', '-n', namespace, '-l', 'app=spread', '-o', 'json'], { timeoutMs: 10_000 });
        if (r.code !== 0) return false;
        const items = (JSON.parse(r.stdout) as { items: { metadata: { name: string }; spec: { nodeName?: string }; status?: { phase?: string } }[] }).items;
        const view: PodView[] = items.map((p) => ({ name: p.metadata.name, phase: p.status?.phase ?? '', node: p.spec.nodeName ?? '' }));
        return view.length === 4 && view.every((p) => p.phase === 'Running') ? view : false;
      },
      90_000,
      1_000,
    );
    process.stderr.write(`compose: 4 pods Running ${Date.now() - started} ms after apply\n`);
    expect(pods.filter((p) => p.node === 'node-1')).toHaveLength(2);
    expect(pods.filter((p) => p.node === 'node-2')).toHaveLength(2);
    // what `docker ps` shows on the host: a sandbox and an app container per pod, per node
    for (const node of NODES) expect(podContainers(node).filter((c) => c.state === 'running')).toHaveLength(4);
  }, 120_000);

  it('down -v leaves no pod containers, no compose containers and no volume behind', async () => {
    const started = Date.now();
    const down = await composeRun(['down', '-v'], 90_000);
    downDone = true;
    expect(down.code, down.output).toBe(0);
    process.stderr.write(`compose: down -v took ${Date.now() - started} ms\n`);
    for (const node of NODES) expect(podContainers(node)).toEqual([]);
    expect(dockerPs(`com.docker.compose.project=${project}`)).toEqual([]);
    const volumes = execFileSync('docker', ['volume', 'ls', '-q', '--filter', `name=${project}_`], { encoding: 'utf8' });
    expect(volumes.trim()).toBe('');
  }, 100_000);
});
