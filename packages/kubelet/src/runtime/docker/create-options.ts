// Docker create bodies for sandboxes (reference §1.1, §1.7) and app containers (§1.2, §1.5, §2).
import type { ContainerCreateOptions } from 'dockerode';
import { containerLabels, sandboxLabels } from '../labels.js';
import { containerName, sandboxName } from '../naming.js';
import type { ContainerConfig, Mount, PortMapping, SandboxConfig } from '../types.js';

/** dockershim's sandbox CPU shares: the minimum the kernel accepts. */
const SANDBOX_CPU_SHARES = 2;

type PortBindings = Record<string, { HostIp?: string; HostPort: string }[]>;

/** One binding per hostPort on the sandbox; several host ports may feed one container port. */
export function portBindings(ports: PortMapping[]): { exposed: Record<string, object>; bindings: PortBindings } {
  const exposed: Record<string, object> = {};
  const bindings: PortBindings = {};
  for (const p of ports) {
    if (!p.hostPort) continue;
    const key = `${p.containerPort}/${p.protocol.toLowerCase()}`;
    exposed[key] = {};
    const binding = { HostPort: String(p.hostPort), ...(p.hostIP ? { HostIp: p.hostIP } : {}) };
    (bindings[key] ??= []).push(binding);
  }
  return { exposed, bindings };
}

export function sandboxCreateOptions(config: SandboxConfig, nodeName: string, image: string): ContainerCreateOptions {
  const { exposed, bindings } = portBindings(config.portMappings);
  return {
    name: sandboxName(config.pod, config.attempt),
    Image: image,
    // Docker refuses a hostname together with the host's network namespace.
    Hostname: config.hostNetwork ? undefined : config.hostname,
    Labels: sandboxLabels(config, nodeName),
    ExposedPorts: exposed,
    HostConfig: {
      NetworkMode: config.hostNetwork ? 'host' : 'bridge',
      // App containers join this IPC namespace, which Docker allows only from a shareable donor.
      IpcMode: 'shareable',
      CpuShares: SANDBOX_CPU_SHARES,
      // Upstream uses -998; dockerd here lacks CAP_SYS_RESOURCE and fails every negative value.
      OomScoreAdj: 0,
      PortBindings: bindings,
    },
  };
}

function bind(m: Mount): string {
  return `${m.hostPath}:${m.containerPath}${m.readOnly ? ':ro' : ''}`;
}

/**
 * Docker already applies the Kubernetes command rule: with an Entrypoint given it never falls
 * back to the image CMD, so `command` without `args` runs the command alone.
 */
export function containerCreateOptions(
  sandboxId: string,
  config: ContainerConfig,
  sandbox: SandboxConfig,
  nodeName: string,
): ContainerCreateOptions {
  const r = config.resources;
  const joined = `container:${sandboxId}`;
  return {
    name: containerName(config.name, sandbox.pod, config.attempt),
    Image: config.image,
    Entrypoint: config.command && config.command.length > 0 ? config.command : undefined,
    Cmd: config.args && config.args.length > 0 ? config.args : undefined,
    Env: config.env.map((e) => `${e.name}=${e.value}`),
    WorkingDir: config.workingDir || undefined,
    User: config.user || undefined,
    Labels: containerLabels(config, sandbox.pod, sandboxId, nodeName),
    Tty: config.tty,
    OpenStdin: config.stdin,
    StdinOnce: config.stdinOnce,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    HostConfig: {
      NetworkMode: joined,
      IpcMode: joined,
      UTSMode: sandbox.hostNetwork ? 'host' : undefined,
      Binds: config.mounts.map(bind),
      CpuShares: r.cpuShares,
      CpuPeriod: r.cpuPeriod || undefined,
      CpuQuota: r.cpuQuota || undefined,
      Memory: r.memoryLimitBytes || undefined,
      MemorySwap: r.memoryLimitBytes || undefined,
      OomScoreAdj: Math.max(0, r.oomScoreAdj),
      Privileged: config.privileged,
    },
  };
}
