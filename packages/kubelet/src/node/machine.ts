// What the node reports about the machine (reference §6): capacity from the host, nodeInfo from
// /etc and the kernel. Read once at start; only the boot id could change, and only with a reboot.
import { readFileSync, statfsSync } from 'node:fs';
import { arch, cpus, release, totalmem } from 'node:os';
import { KUBELITE_GIT_VERSION, type NodeSystemInfo, type ResourceList } from '@kubelite/api';

const read = (path: string): string => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
};

function osImage(): string {
  const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(read('/etc/os-release'));
  return m?.[1] ?? 'Linux';
}

const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };

export interface MachineInfo {
  capacity: ResourceList;
  allocatable: ResourceList;
  memoryBytes: number;
  nodeInfo: Omit<NodeSystemInfo, 'containerRuntimeVersion'>;
}

const EVICTION_MEMORY_BYTES = 100 * 1024 * 1024;

export function machineInfo(rootDir: string, maxPods: number): MachineInfo {
  const memoryBytes = totalmem();
  let storage = 0;
  try {
    const fs = statfsSync(rootDir);
    storage = fs.blocks * fs.bsize;
  } catch {
    // rootDir not there yet: report no ephemeral storage rather than guess.
  }
  const memKi = Math.floor(memoryBytes / 1024);
  const capacity: ResourceList = { cpu: String(cpus().length), memory: `${memKi}Ki`, pods: String(maxPods), 'ephemeral-storage': `${Math.floor(storage / 1024)}Ki` };
  // Allocatable leaves the hard-eviction reserve (memory.available<100Mi, nodefs.available<10%).
  const allocatable: ResourceList = {
    ...capacity,
    memory: `${Math.max(0, memKi - EVICTION_MEMORY_BYTES / 1024)}Ki`,
    'ephemeral-storage': String(Math.floor(storage * 0.9)),
  };
  return {
    capacity,
    allocatable,
    memoryBytes,
    nodeInfo: {
      machineID: read('/etc/machine-id'),
      systemUUID: read('/sys/class/dmi/id/product_uuid') || read('/etc/machine-id'),
      bootID: read('/proc/sys/kernel/random/boot_id'),
      kernelVersion: release(),
      osImage: osImage(),
      kubeletVersion: KUBELITE_GIT_VERSION,
      kubeProxyVersion: KUBELITE_GIT_VERSION,
      operatingSystem: 'linux',
      architecture: GOARCH[arch()] ?? arch(),
    },
  };
}
