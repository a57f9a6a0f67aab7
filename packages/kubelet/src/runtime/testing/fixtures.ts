// Shared by the runtime tests: Docker availability (skip without Docker only outside CI), the
// local test images, and pod/container configs with every field filled.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { NODE_NAME_LABEL } from '../labels.js';
import type { ContainerConfig, PodRef, SandboxConfig } from '../types.js';

export const BUSYBOX_IMAGE = 'kubelite/busybox:1.36';
export const PAUSE_IMAGE = 'kubelite/pause:3.10';
const BUILD_SCRIPT = fileURLToPath(new URL('../../../../../scripts/build-test-images.sh', import.meta.url));

/** True when Docker answers; under CI an unreachable daemon must fail the tests instead. */
export async function dockerAvailable(): Promise<boolean> {
  try {
    await new Docker().ping();
    return true;
  } catch {
    if (process.env.CI) return true; // run, and let the tests fail loudly
    return false;
  }
}

/** Under CI a missing daemon is a failure users must see by name, not a suite of skips. */
export async function pingDocker(): Promise<void> {
  await new Docker().ping();
}

let imagesBuilt: Promise<void> | undefined;
export function buildTestImages(): Promise<void> {
  imagesBuilt ??= promisify(execFile)('bash', [BUILD_SCRIPT], { timeout: 120_000 }).then(() => undefined);
  return imagesBuilt;
}

/** Force-removes every container a test kubelet with this node name created. */
export async function removeNodeContainers(nodeName: string): Promise<void> {
  const docker = new Docker();
  const list = await docker.listContainers({ all: true, filters: { label: [`${NODE_NAME_LABEL}=${nodeName}`] } });
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
}

export const testNodeName = (): string => `rt-test-${randomBytes(4).toString('hex')}`;

export function podRef(name = `pod-${randomBytes(3).toString('hex')}`, namespace = 'default'): PodRef {
  return { uid: randomUUID(), name, namespace };
}

export function sandboxConfig(pod: PodRef, logRoot: string, extra: Partial<SandboxConfig> = {}): SandboxConfig {
  return {
    pod,
    attempt: 0,
    hostname: pod.name,
    hostNetwork: false,
    portMappings: [],
    labels: { app: 'demo' },
    annotations: { 'example.com/note': 'hello' },
    logDirectory: `${logRoot}/${pod.namespace}_${pod.name}_${pod.uid}`,
    ...extra,
  };
}

export function containerConfig(sandbox: SandboxConfig, name: string, extra: Partial<ContainerConfig> = {}): ContainerConfig {
  const attempt = extra.attempt ?? 0;
  return {
    name,
    attempt,
    image: BUSYBOX_IMAGE,
    env: [{ name: 'GREETING', value: 'hi there' }],
    mounts: [],
    resources: { cpuShares: 2, cpuPeriod: 100_000, cpuQuota: 0, memoryLimitBytes: 0, oomScoreAdj: 0 },
    labels: {},
    annotations: { 'io.kubernetes.container.restartCount': String(attempt), 'io.kubernetes.container.hash': 'abc123' },
    logPath: `${sandbox.logDirectory}/${name}/${attempt}.log`,
    stdin: false,
    stdinOnce: false,
    tty: false,
    privileged: false,
    ...extra,
  };
}

// One port picker for every test: it keeps clear of the kernel's ephemeral range (see there why).
export { freePort } from '../../../../../test/support/ports.js';

/** Polls `check` until it returns a value, at most `tries` times `everyMs` apart. */
export async function eventually<T>(check: () => Promise<T | undefined>, tries = 50, everyMs = 100): Promise<T> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met after ${tries} tries${last ? `: ${String(last)}` : ''}`);
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}
