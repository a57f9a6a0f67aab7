// Reading this node's sandboxes and containers back from Docker: one label-filtered list call per
// relist, inspects only for containers whose state changed (see InspectCache), and an ownership
// check so that ids of other kubelets' (or anyone's) containers behave as if they did not exist.
import type Docker from 'dockerode';
import type { ContainerInspectInfo, ContainerInfo } from 'dockerode';
import {
  CONTAINER_TYPE,
  CONTAINER_TYPE_LABEL,
  NODE_NAME_LABEL,
  POD_UID_LABEL,
  SANDBOX_ID_LABEL,
  SANDBOX_TYPE,
} from '../labels.js';
import { runtimeError } from '../errors.js';
import type { ContainerFilter, ContainerStatus, SandboxStatus } from '../types.js';
import { dockerError, isNotFound } from './client.js';
import type { DockerImages } from './images.js';
import { InspectCache } from './inspect-cache.js';
import { toContainerStatus, toSandboxStatus } from './status-mapping.js';

export type Kind = typeof SANDBOX_TYPE | typeof CONTAINER_TYPE;

export interface Owned {
  kind: Kind;
  tty: boolean;
}

export class DockerLister {
  private readonly sandboxes = new InspectCache();
  private readonly containers = new InspectCache();
  /** What we know to be ours, by id; both facts are fixed for a container's life. */
  private readonly owned = new Map<string, Owned>();

  constructor(
    private readonly docker: Docker,
    private readonly nodeName: string,
    private readonly images: DockerImages,
  ) {}

  get nodeLabel(): string {
    return `${NODE_NAME_LABEL}=${this.nodeName}`;
  }

  /** Inspects `id` if it is one of ours of the given kind; undefined otherwise (or if gone). */
  async inspect(id: string, kind?: Kind): Promise<ContainerInspectInfo | undefined> {
    let info: ContainerInspectInfo;
    try {
      info = await this.docker.getContainer(id).inspect();
    } catch (err) {
      if (isNotFound(err)) {
        this.forget(id);
        return undefined;
      }
      throw dockerError(`inspect container ${id}`, err);
    }
    const labels = info.Config.Labels ?? {};
    const type = labels[CONTAINER_TYPE_LABEL];
    if (labels[NODE_NAME_LABEL] !== this.nodeName || (type !== SANDBOX_TYPE && type !== CONTAINER_TYPE)) return undefined;
    this.owned.set(info.Id, { kind: type, tty: info.Config.Tty });
    if (kind !== undefined && type !== kind) return undefined;
    (type === SANDBOX_TYPE ? this.sandboxes : this.containers).set(info);
    return info;
  }

  /** Records a container we just created, so starting it needs no inspect first. */
  created(id: string, kind: Kind, tty: boolean): void {
    this.owned.set(id, { kind, tty });
  }

  /** Ownership of `id` (cached), or a NOT_FOUND error naming what was looked for. */
  async ownedOrThrow(id: string, kind: Kind): Promise<Owned> {
    const known = this.owned.get(id);
    if (known?.kind === kind) return known;
    const info = await this.inspect(id, kind);
    if (!info) throw runtimeError('NOT_FOUND', kind === SANDBOX_TYPE ? 'sandbox' : 'container', id);
    return { kind, tty: info.Config.Tty };
  }

  /** Drops what we remembered of `id` after our own state-changing call. */
  changed(id: string): void {
    this.sandboxes.invalidate(id);
    this.containers.invalidate(id);
  }

  forget(id: string): void {
    this.changed(id);
    this.owned.delete(id);
  }

  async sandboxStatus(id: string): Promise<SandboxStatus | undefined> {
    const info = await this.inspect(id, SANDBOX_TYPE);
    return info ? toSandboxStatus(info) : undefined;
  }

  async containerStatus(id: string): Promise<ContainerStatus | undefined> {
    const info = await this.inspect(id, CONTAINER_TYPE);
    return info ? toContainerStatus(info, await this.images.imageRef(info.Image)) : undefined;
  }

  async listSandboxes(podUid?: string): Promise<SandboxStatus[]> {
    const labels = [this.nodeLabel, `${CONTAINER_TYPE_LABEL}=${SANDBOX_TYPE}`];
    if (podUid) labels.push(`${POD_UID_LABEL}=${podUid}`);
    const infos = await this.listInspected(labels, true, SANDBOX_TYPE, podUid === undefined);
    return infos.map(toSandboxStatus).filter((s): s is SandboxStatus => s !== undefined);
  }

  async listContainers(filter: ContainerFilter = {}): Promise<ContainerStatus[]> {
    const labels = [this.nodeLabel, `${CONTAINER_TYPE_LABEL}=${CONTAINER_TYPE}`];
    if (filter.podUid) labels.push(`${POD_UID_LABEL}=${filter.podUid}`);
    if (filter.sandboxId) labels.push(`${SANDBOX_ID_LABEL}=${filter.sandboxId}`);
    const all = filter.all ?? true;
    const complete = all && !filter.podUid && !filter.sandboxId;
    const infos = await this.listInspected(labels, all, CONTAINER_TYPE, complete);
    const out = await Promise.all(infos.map(async (i) => toContainerStatus(i, await this.images.imageRef(i.Image))));
    return out.filter((s): s is ContainerStatus => s !== undefined);
  }

  /** Raw ids of our containers matching extra label filters (for sandbox-wide stop/remove). */
  async ids(extraLabels: string[], all: boolean): Promise<string[]> {
    return (await this.list([this.nodeLabel, ...extraLabels], all)).map((c) => c.Id);
  }

  private async list(labels: string[], all: boolean): Promise<ContainerInfo[]> {
    try {
      return await this.docker.listContainers({ all, filters: { label: labels } });
    } catch (err) {
      throw dockerError('list containers', err);
    }
  }

  private async listInspected(labels: string[], all: boolean, kind: Kind, complete: boolean): Promise<ContainerInspectInfo[]> {
    const cache = kind === SANDBOX_TYPE ? this.sandboxes : this.containers;
    const listed = await this.list(labels, all);
    if (complete) this.retain(kind, cache, new Set(listed.map((c) => c.Id)));
    const infos = await Promise.all(
      listed.map(async (c) => cache.get(c.Id, c.State) ?? (await this.inspect(c.Id))),
    );
    return infos.filter((i): i is ContainerInspectInfo => i !== undefined);
  }

  private retain(kind: Kind, cache: InspectCache, ids: Set<string>): void {
    cache.retain(ids);
    for (const [id, o] of this.owned) if (o.kind === kind && !ids.has(id)) this.owned.delete(id);
  }
}
