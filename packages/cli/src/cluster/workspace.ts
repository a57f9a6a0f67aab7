// The kubelite checkout klctl runs from: the static pod templates in <root>/manifests and the
// workspace bins in <root>/node_modules/.bin. The path is the same from src/ (tests, tsx) and
// from dist/ (the built bin): both sit at packages/cli/<src|dist>/cluster/.
import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function workspaceRoot(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');
}

export function templatesDir(): string {
  return join(workspaceRoot(), 'manifests');
}

/** Where pnpm links the workspace bins (etcd-lite, kube-apiserver, kubelet, …). */
export function workspaceBinDir(): string {
  return join(workspaceRoot(), 'node_modules', '.bin');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` in a PATH string, as a shell would find it. */
export function findInPath(name: string, pathEnv: string | undefined): string | undefined {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir) continue;
    // Absolute, because the kubelet is spawned in another directory (`pnpm exec` puts the
    // relative ./node_modules/.bin first on PATH).
    const candidate = resolve(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
