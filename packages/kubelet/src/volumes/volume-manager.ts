// Pod volumes on the node (kubelet's volume manager, reduced to the plugins kubelite supports):
// each volume becomes a host directory under <root>/pods/<uid>/volumes/kubernetes.io~<plugin>/
// that Docker bind-mounts into the containers. ConfigMap and Secret volumes are written as files
// (re-written on every sync, so updates reach running pods as upstream's do eventually).
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Container, KeyToPath, Pod, Volume } from '@kubelite/api';
import { ContainerStartError, KubeletProblems } from '../errors.js';
import type { ObjectSource } from '../kuberuntime/env.js';
import type { Mount } from '../runtime/types.js';

export class VolumeManager {
  constructor(private readonly rootDir: string) {}

  podDir(uid: string): string {
    return join(this.rootDir, 'pods', uid);
  }

  /** Makes every volume of the pod exist on the host; returns volume name → host path. */
  async setUp(pod: Pod, objects: ObjectSource): Promise<Map<string, string>> {
    const paths = new Map<string, string>();
    for (const v of pod.spec?.volumes ?? []) paths.set(v.name, await this.setUpVolume(pod, v, objects));
    return paths;
  }

  async tearDown(uid: string): Promise<void> {
    await rm(this.podDir(uid), { recursive: true, force: true });
  }

  private pluginDir(pod: Pod, plugin: string, name: string): string {
    return join(this.podDir(pod.metadata.uid!), 'volumes', `kubernetes.io~${plugin}`, name);
  }

  private async setUpVolume(pod: Pod, v: Volume, objects: ObjectSource): Promise<string> {
    const ns = pod.metadata.namespace ?? 'default';
    if (v.hostPath) {
      const type = v.hostPath.type ?? '';
      if (type === 'DirectoryOrCreate') await mkdir(v.hostPath.path, { recursive: true });
      return v.hostPath.path;
    }
    if (v.configMap) {
      const name = v.configMap.name ?? '';
      const cm = await objects.configMap(ns, name);
      if (!cm && !v.configMap.optional) throw new ContainerStartError('CreateContainerConfigError', KubeletProblems.CONFIG_MAP_NOT_FOUND(name));
      const files = { ...cm?.data, ...decodeAll(cm?.binaryData) };
      return this.writeFiles(this.pluginDir(pod, 'configmap', v.name), files, v.configMap.items, v.configMap.defaultMode ?? 0o644);
    }
    if (v.secret) {
      const name = v.secret.secretName ?? '';
      const s = await objects.secret(ns, name);
      if (!s && !v.secret.optional) throw new ContainerStartError('CreateContainerConfigError', KubeletProblems.SECRET_NOT_FOUND(name));
      return this.writeFiles(this.pluginDir(pod, 'secret', v.name), decodeAll(s?.data), v.secret.items, v.secret.defaultMode ?? 0o644);
    }
    // emptyDir, and every plugin kubelite has no backend for, is a fresh directory per pod.
    const dir = this.pluginDir(pod, 'empty-dir', v.name);
    await mkdir(dir, { recursive: true, mode: 0o777 });
    await chmod(dir, 0o777);
    return dir;
  }

  private async writeFiles(dir: string, data: Record<string, string | Buffer>, items: KeyToPath[] | undefined, mode: number): Promise<string> {
    await mkdir(dir, { recursive: true });
    const chosen = items?.length ? items.map((i) => ({ path: i.path, value: data[i.key], mode: i.mode ?? mode })) : Object.entries(data).map(([k, value]) => ({ path: k, value, mode }));
    for (const f of chosen) {
      if (f.value === undefined) continue;
      const file = join(dir, f.path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, f.value);
      await chmod(file, f.mode);
    }
    return dir;
  }
}

function decodeAll(data: Record<string, string> | undefined): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

/** The container's volumeMounts as bind mounts (subPath joins below the volume's directory). */
export function containerMounts(container: Container, volumes: ReadonlyMap<string, string>): Mount[] {
  const mounts: Mount[] = [];
  for (const m of container.volumeMounts ?? []) {
    const host = volumes.get(m.name);
    if (!host) continue;
    mounts.push({ hostPath: m.subPath ? join(host, m.subPath) : host, containerPath: m.mountPath, readOnly: m.readOnly ?? false });
  }
  return mounts;
}
