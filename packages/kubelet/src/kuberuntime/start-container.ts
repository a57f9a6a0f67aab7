// startContainer (reference §3.2): image, config, create, start, postStart — each failure leaves
// the container waiting with the reason users see (ErrImagePull, CreateContainerConfigError,
// CreateContainerError, RunContainerError, PostStartHookError).
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Container, Pod } from '@kubelite/api';
import { ContainerStartError } from '../errors.js';
import type { ContainerConfig, ContainerRuntime, SandboxConfig } from '../runtime/types.js';
import { containerMounts } from '../volumes/volume-manager.js';
import { containerAnnotations, type ContainerType } from './annotations.js';
import { containerEnv, type EnvContext } from './env.js';
import { expand } from './expansion.js';
import type { ImageManager } from './images.js';
import { runHook } from './kill-container.js';
import { linuxResources } from './resources.js';

export interface StartContext {
  runtime: ContainerRuntime;
  images: ImageManager;
  sandboxId: string;
  sandbox: SandboxConfig;
  env: EnvContext;
  volumes: ReadonlyMap<string, string>;
  podDir: string;
  nodeMemoryBytes: number;
  critical: boolean;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

async function step<T>(reason: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ContainerStartError) throw err;
    throw new ContainerStartError(reason, message(err));
  }
}

export async function startContainer(pod: Pod, c: Container, restartCount: number, type: ContainerType, ctx: StartContext): Promise<string> {
  const id = await createContainer(pod, c, restartCount, type, ctx);
  await startCreated(id, c, ctx);
  return id;
}

/** Image, configuration and create: everything that may happen before the sandbox runs. */
export async function createContainer(pod: Pod, c: Container, restartCount: number, type: ContainerType, ctx: StartContext): Promise<string> {
  const image = await ctx.images.ensure(ctx.runtime, pod, c, ctx.event);
  const config = await step('CreateContainerConfigError', () => containerConfig(pod, c, restartCount, type, image, ctx));
  const id = await step('CreateContainerError', () => ctx.runtime.createContainer(ctx.sandboxId, config, ctx.sandbox));
  ctx.event('Normal', 'Created', `Created container ${c.name}`);
  return id;
}

/** Start, then the postStart hook (which must succeed for the container to count as started). */
export async function startCreated(id: string, c: Container, ctx: StartContext): Promise<void> {
  try {
    await ctx.runtime.startContainer(id);
  } catch (err) {
    ctx.event('Warning', 'Failed', `Error: ${message(err)}`);
    throw new ContainerStartError('RunContainerError', message(err));
  }
  ctx.event('Normal', 'Started', `Started container ${c.name}`);
  if (c.lifecycle?.postStart) {
    try {
      await runHook(ctx.runtime, id, c.lifecycle.postStart, 30_000, ctx.env.podIP);
    } catch (err) {
      ctx.event('Warning', 'FailedPostStartHook', `PostStartHook failed`);
      await ctx.runtime.stopContainer(id, 2).catch(() => undefined);
      throw new ContainerStartError('PostStartHookError', message(err));
    }
  }
}

async function containerConfig(pod: Pod, c: Container, restartCount: number, type: ContainerType, image: string, ctx: StartContext): Promise<ContainerConfig> {
  const env = await containerEnv(c, ctx.env);
  const vars = new Map(env.map((e) => [e.name, e.value]));
  const mounts = containerMounts(c, ctx.volumes);
  // The termination message file: an empty host file bind-mounted where the app writes its last words.
  if (!mounts.some((m) => m.containerPath === (c.terminationMessagePath ?? '/dev/termination-log')) && ctx.runtime.handler === 'docker') {
    const dir = join(ctx.podDir, 'containers', c.name);
    await mkdir(dir, { recursive: true });
    const file = join(dir, randomBytes(4).toString('hex'));
    await writeFile(file, '', { mode: 0o666 });
    mounts.push({ hostPath: file, containerPath: c.terminationMessagePath ?? '/dev/termination-log', readOnly: false });
  }
  const sc = c.securityContext;
  const podSc = pod.spec?.securityContext;
  const uid = sc?.runAsUser ?? podSc?.runAsUser;
  const gid = sc?.runAsGroup ?? podSc?.runAsGroup;
  return {
    name: c.name,
    attempt: restartCount,
    image,
    command: c.command?.map((s) => expand(s, vars)),
    args: c.args?.map((s) => expand(s, vars)),
    env,
    workingDir: c.workingDir,
    mounts,
    resources: linuxResources(pod, c, ctx.nodeMemoryBytes, ctx.critical),
    labels: {},
    annotations: containerAnnotations(pod, c, restartCount, type),
    logPath: join(ctx.sandbox.logDirectory, c.name, `${restartCount}.log`),
    stdin: c.stdin ?? false,
    stdinOnce: c.stdinOnce ?? false,
    tty: c.tty ?? false,
    privileged: sc?.privileged ?? false,
    user: uid === undefined || uid === null ? undefined : gid === undefined || gid === null ? String(uid) : `${uid}:${gid}`,
  };
}
