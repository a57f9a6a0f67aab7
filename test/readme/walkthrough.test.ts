// The README's walkthrough, run as written with bash against a cluster that `klctl cluster up`
// started: the block after the marker must keep working, or this fails. The one rewrite is the
// data dir (`$PWD/.kubelite` → this test's own), so a developer's cluster is never touched.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clusterProcesses } from '@kubelite/cli';
import { freePortOffset, klctl, klctlEnv, repo, sourceBinDir, tempDir } from '../cluster/harness.js';
import { describeDocker } from '../support/describe-docker.js';
import { ensureTestImages } from '../support/docker.js';

const MARKER = '<!-- tested by test/readme/walkthrough.test.ts -->';

function walkthrough(): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const at = readme.indexOf(MARKER);
  if (at < 0) throw new Error(`README.md has no ${MARKER}`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block?.[1]) throw new Error('no ```sh block after the marker');
  return block[1];
}

function bash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describeDocker('README walkthrough', () => {
  let root: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const node = `kl-readme-${process.pid}`;

  beforeAll(async () => {
    ensureTestImages();
    root = tempDir('klctl-readme-');
    dir = join(root, '.kubelite');
    env = klctlEnv(sourceBinDir(root));
    const up = await klctl(['cluster', 'up', '--detach', '--data-dir', dir, '--port-offset', String(await freePortOffset()), '--node-name', node], { env, timeoutMs: 150_000 });
    if (up.code !== 0) throw new Error(`cluster up failed:\n${up.stdout}\n${up.stderr}`);
  }, 180_000);

  afterAll(async () => {
    if (dir) await klctl(['cluster', 'down', '--data-dir', dir, '--ignore-not-found'], { env, timeoutMs: 90_000 });
    for (const pid of dir ? clusterProcesses(dir) : []) process.kill(pid, 'SIGKILL');
    if (root) rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('runs as written: node Ready, control plane pods, a Deployment on Docker behind a NodePort, logs, exec, etcd keys', async () => {
    const script = walkthrough().replaceAll('$PWD/.kubelite', dir);
    const r = await bash(script, env);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${node}\\s+Ready`));
    for (const c of ['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'kube-proxy']) expect(r.stdout).toMatch(new RegExp(`${c}-${node}\\s+1/1\\s+Running`));
    expect(r.stdout).toContain('deployment "web" successfully rolled out');
    expect(r.stdout).toMatch(/hello from web-[a-z0-9]+-[a-z0-9]+/);
    expect(r.stdout).toMatch(/^bin$/m);
    expect(r.stdout).toContain('/registry/deployments/default/web');
    expect(r.stdout).toContain('pod/hello created');
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/m);
    // kubectl with default flags: no warnings (OpenAPI, protobuf and field validation all served).
    expect(r.stderr).not.toMatch(/warning/i);
  }, 200_000);
});
