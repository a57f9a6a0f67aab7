// klctl's verbs that need only an API server: apply/create/get/label/annotate/scale/delete,
// cordon/uncordon, events, version, get -w, and the one-line errors.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient, loadRestConfig } from '@kubelite/client';
import { startTestCluster, type TestCluster } from '../support/apiserver.js';
import { cells, klctlRun, startKlctl, waitForOutput } from './run.js';

const MANIFESTS = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {color: blue}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: main, image: kubelite/busybox:1.36}]
`;

describe('klctl against an API server', () => {
  let cluster: TestCluster;
  let kc: string;
  let client: KubeClient;
  const k = (...args: string[]) => klctlRun(kc, args);

  beforeAll(async () => {
    cluster = await startTestCluster();
    kc = cluster.certKubeconfig;
    client = new KubeClient(loadRestConfig({ kubeconfig: kc }));
  });
  afterAll(async () => {
    client?.close();
    await cluster?.stop();
  });

  it('version prints client and server versions', async () => {
    const r = await k('version');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Client Version: v1\.32\.\d+\S*\nServer Version: v1\.32\.\d+\S*\n$/);
  });

  it('apply says created, then unchanged, then configured; create refuses what exists', async () => {
    const file = join(cluster.dir, 'app.yaml');
    writeFileSync(file, MANIFESTS);
    const first = await k('apply', '-f', file);
    expect(first.stdout).toBe('configmap/settings created\ndeployment.apps/web created\n');
    const again = await klctlRun(kc, ['apply', '-f', '-'], { input: MANIFESTS });
    expect(again.stdout).toBe('configmap/settings unchanged\ndeployment.apps/web unchanged\n');
    const changed = await klctlRun(kc, ['apply', '-f', '-'], { input: MANIFESTS.replace('color: blue', 'color: red') });
    expect(changed.stdout).toBe('configmap/settings configured\ndeployment.apps/web unchanged\n');
    const cm = await client.resource('', 'v1', 'configmaps').namespace('default').get('settings');
    expect((cm as unknown as { data: Record<string, string> }).data.color).toBe('red');
    const dup = await klctlRun(kc, ['create', '-f', '-'], { input: MANIFESTS });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('Error from server (AlreadyExists): error when creating "STDIN": configmaps "settings" already exists');
  });

  it('get prints kubectl-shaped tables, names, YAML and JSON', async () => {
    const table = await k('get', 'deploy');
    expect(table.code).toBe(0);
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(cells(header ?? '')).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(cells(row ?? '')[0]).toBe('web');
    expect((await k('get', 'deployments.apps', 'web', '-o', 'name')).stdout).toBe('deployment.apps/web\n');
    const yaml = await k('get', 'cm/settings', '-o', 'yaml');
    expect(yaml.stdout).toContain('kind: ConfigMap');
    expect(yaml.stdout).not.toContain('managedFields');
    const json = JSON.parse((await k('get', 'configmaps', '-o', 'json')).stdout) as { kind: string; items: unknown[] };
    expect(json.kind).toBe('List');
    const all = await k('get', 'cm', '-A', '--no-headers');
    expect(all.stdout.split('\n').some((l) => cells(l)[0] === 'default' && cells(l)[1] === 'settings')).toBe(true);
    expect(all.stdout).not.toContain('NAMESPACE');
    const none = await k('get', 'pods', '-l', 'app=nothing');
    expect(none.stderr).toBe('No resources found in default namespace.\n');
  });

  it('reports a missing object in kubectl\'s words with exit code 1', async () => {
    const r = await k('get', 'po', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    const bad = await k('get', 'widgets');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: the server doesn\'t have a resource type "widgets"\n');
  });

  it('label and annotate set, refuse without --overwrite, and remove', async () => {
    expect((await k('label', 'cm', 'settings', 'tier=web')).stdout).toBe('configmap/settings labeled\n');
    const refused = await k('label', 'cm/settings', 'tier=db');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("'tier' already has a value (web), and --overwrite is false");
    await k('label', 'cm/settings', 'tier=db', '--overwrite');
    expect((await k('annotate', 'cm/settings', 'note=hello')).stdout).toBe('configmap/settings annotated\n');
    let cm = await client.resource('', 'v1', 'configmaps').namespace('default').get('settings');
    expect(cm.metadata.labels?.tier).toBe('db');
    expect(cm.metadata.annotations?.note).toBe('hello');
    await k('label', 'cm/settings', 'tier-');
    cm = await client.resource('', 'v1', 'configmaps').namespace('default').get('settings');
    expect(cm.metadata.labels?.tier).toBeUndefined();
  });

  it('scale patches the scale subresource', async () => {
    expect((await k('scale', 'deployment/web', '--replicas=5')).stdout).toBe('deployment.apps/web scaled\n');
    const d = await client.resource<{ metadata: object; spec: { replicas: number } } & import('@kubelite/api').KubeObject>('apps', 'v1', 'deployments').namespace('default').get('web');
    expect(d.spec.replicas).toBe(5);
  });

  it('cordon and uncordon a node', async () => {
    await client.resource('', 'v1', 'nodes').create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    expect((await k('cordon', 'n1')).stdout).toBe('node/n1 cordoned\n');
    expect((await k('cordon', 'n1')).stdout).toBe('node/n1 already cordoned\n');
    const header = (await k('get', 'nodes', 'n1')).stdout;
    expect(header).toContain('SchedulingDisabled');
    expect((await k('uncordon', 'n1')).stdout).toBe('node/n1 uncordoned\n');
  });

  it('events lists LAST SEEN TYPE REASON OBJECT MESSAGE, and --for narrows', async () => {
    const now = new Date().toISOString();
    const events = client.resource('', 'v1', 'events').namespace('default');
    for (const [name, reason] of [['e1', 'Tested'], ['e2', 'Other']] as const) {
      await events.create({
        apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' },
        involvedObject: { kind: name === 'e1' ? 'ConfigMap' : 'Deployment', name: name === 'e1' ? 'settings' : 'web', namespace: 'default' },
        reason, message: `${reason} happened`, type: 'Normal', firstTimestamp: now, lastTimestamp: now, count: 1,
        source: { component: 'test' },
      } as import('@kubelite/api').KubeObject);
    }
    const r = await k('events');
    const lines = r.stdout.trimEnd().split('\n');
    expect(cells(lines[0] ?? '')).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(lines.some((l) => cells(l).slice(1).join('|') === 'Normal|Tested|configmap/settings|Tested happened')).toBe(true);
    const only = await k('events', '--for', 'cm/settings');
    expect(only.stdout).toContain('Tested happened');
    expect(only.stdout).not.toContain('Other happened');
  });

  it('get -w prints a row when an object appears', async () => {
    const run = startKlctl(kc, ['get', 'cm', '-w']);
    await waitForOutput(run, (o) => o.includes('settings'));
    await client.resource('', 'v1', 'configmaps').namespace('default').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
    await waitForOutput(run, (o) => o.split('\n').some((l) => cells(l)[0] === 'late'));
    run.kill();
    const r = await run.result;
    expect(r.stdout.match(/^NAME/gm)?.length).toBe(1);
  });

  it('delete by name, by label and with --all waits and says deleted', async () => {
    expect((await k('delete', 'cm', 'late')).stdout).toBe('configmap "late" deleted\n');
    expect((await k('delete', 'deploy', '-l', 'app=web')).stdout).toBe('deployment.apps "web" deleted\n');
    const missing = await k('delete', 'cm', 'late');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error from server (NotFound): configmaps "late" not found\n');
    await k('delete', 'cm', '--all');
    const left = await client.resource('', 'v1', 'configmaps').namespace('default').list();
    expect(left.items.map((c) => c.metadata.name)).not.toContain('settings');
  });

  it('says the cluster is unreachable in one line', async () => {
    const file = join(cluster.dir, 'dead.conf');
    writeFileSync(file, ['apiVersion: v1', 'kind: Config', 'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]',
      'users: [{name: u, user: {token: x}}]', 'contexts: [{name: x, context: {cluster: c, user: u}}]', 'current-context: x'].join('\n'));
    const r = await klctlRun(file, ['get', 'pods']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: cannot reach the API server at https://127.0.0.1:1 — is the cluster up? run: klctl cluster up\n');
  });
});
