// The kubelet's desired pods: API pods bound to this node (from an informer with a spec.nodeName
// field selector) and static pods from the manifest directory, keyed by uid. Mirror pods are
// API pods too but are not run: they map to their static pod by full name.
import type { Pod } from '@kubelite/api';
import { isMirrorPod } from '../config/static-pod.js';

const fullName = (p: Pod): string => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;

export class PodManager {
  private readonly api = new Map<string, Pod>();
  private readonly mirrors = new Map<string, Pod>();
  private statics = new Map<string, Pod>();
  apiSynced = false;
  staticSynced = false;

  /** Replaces the static set; returns the uids that appeared or went away. */
  setStaticPods(pods: Pod[]): string[] {
    const next = new Map(pods.map((p) => [p.metadata.uid!, p]));
    const changed = [...new Set([...next.keys(), ...this.statics.keys()])].filter((uid) => next.get(uid) !== this.statics.get(uid));
    this.statics = next;
    this.staticSynced = true;
    return changed;
  }

  /** An API pod was added/updated; returns the kubelet uid to sync (the static pod's for a mirror). */
  upsertApiPod(pod: Pod): string | undefined {
    if (isMirrorPod(pod)) {
      this.mirrors.set(fullName(pod), pod);
      return this.staticByFullName(fullName(pod))?.metadata.uid;
    }
    this.api.set(pod.metadata.uid!, pod);
    return pod.metadata.uid;
  }

  deleteApiPod(pod: Pod): string | undefined {
    if (isMirrorPod(pod)) {
      if (this.mirrors.get(fullName(pod))?.metadata.uid === pod.metadata.uid) this.mirrors.delete(fullName(pod));
      return this.staticByFullName(fullName(pod))?.metadata.uid;
    }
    this.api.delete(pod.metadata.uid!);
    return pod.metadata.uid;
  }

  get(uid: string): Pod | undefined {
    return this.statics.get(uid) ?? this.api.get(uid);
  }

  isStatic(uid: string): boolean {
    return this.statics.has(uid);
  }

  mirrorOf(staticPod: Pod): Pod | undefined {
    return this.mirrors.get(fullName(staticPod));
  }

  /** By namespace/name; a mirror pod's name finds the static pod it mirrors. */
  byName(namespace: string, name: string): Pod | undefined {
    const key = `${namespace}/${name}`;
    return this.staticByFullName(key) ?? [...this.api.values()].find((p) => fullName(p) === key);
  }

  private staticByFullName(key: string): Pod | undefined {
    return [...this.statics.values()].find((p) => fullName(p) === key);
  }

  all(): Pod[] {
    return [...this.statics.values(), ...this.api.values()];
  }

  staticPods(): Pod[] {
    return [...this.statics.values()];
  }

  /** The kubelet may kill unknown containers only once every source has reported at least once. */
  get sourcesReady(): boolean {
    return this.apiSynced && this.staticSynced;
  }
}
