// Docker for end-to-end tests and benchmarks: the local test images, and `docker ps` views.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './etcd-servers.js';

export const BUSYBOX_IMAGE = 'kubelite/busybox:1.36';
export const PAUSE_IMAGE = 'kubelite/pause:3.10';

export function dockerAvailable(): boolean {
  return spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' }).status === 0;
}

/** Builds the local busybox and pause images once (the script skips what exists). */
export function ensureTestImages(): void {
  if (!dockerAvailable()) throw new Error('Docker is not reachable (docker info failed): start dockerd; CI requires it');
  execFileSync('bash', [join(repoRoot, 'scripts/build-test-images.sh')], { stdio: 'pipe' });
}

/** `docker ps -a` rows carrying a label (e.g. our node label), for assertions and cleanup. */
export function dockerPs(label: string): { id: string; name: string; state: string; labels: string }[] {
  const out = execFileSync('docker', ['ps', '-a', '--no-trunc', '--filter', `label=${label}`, '--format', '{{.ID}}\t{{.Names}}\t{{.State}}\t{{.Labels}}'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [id = '', name = '', state = '', labels = ''] = l.split('\t');
      return { id, name, state, labels };
    });
}

export function removeContainers(label: string): void {
  const ids = dockerPs(label).map((c) => c.id);
  if (ids.length) spawnSync('docker', ['rm', '-f', '-v', ...ids], { stdio: 'ignore' });
}
