// generatePodStatus (upstream generateAPIPodStatus plus the status manager's normalisation): the
// status a user sees, computed from what the runtime has for the pod, the last start failures,
// the prober's verdicts and the status the API holds now. Pure: the same input, the same status.
import { computePodQOS, type ContainerStatus as ApiContainerStatus, type Container, type Pod, type PodStatus } from '@kubelite/api';
import type { ContainerStatus, SandboxStatus } from '../runtime/types.js';
import { podConditions } from './conditions.js';
import { convertContainerStatuses, type ReasonCache } from './container-statuses.js';
import { normalizeStatus, rfc3339 } from './normalize.js';
import { TERMINAL_PHASES, getPhase, isSidecar } from './phase.js';
import { hasActiveRegularContainer, newestFirst, podIPs, podSandboxChanged } from './sandbox.js';

export interface ProbeVerdicts {
  /** `containerId` is the runtime's raw id (no `docker://`). Asked only for running containers. */
  ready(containerName: string, containerId: string): boolean;
  started(containerName: string, containerId: string): boolean;
}

export interface StatusInput {
  /** Spec plus the status the API (or the status manager) has now: the base for what we do not own. */
  pod: Pod;
  /** This pod's sandboxes, any order. */
  sandboxes: SandboxStatus[];
  /** Every instance of this pod's containers (init and regular), any order. */
  containers: ContainerStatus[];
  /** 'docker' | 'process': containerID is `<runtimeName>://<id>`. */
  runtimeName: string;
  /** The last start failure per container name (ErrImagePull, CrashLoopBackOff, …). */
  reasonCache: ReasonCache;
  probes: ProbeVerdicts;
  /** The node's IPs: hostIP(s), and the pod IPs of host-network pods. */
  nodeIPs: string[];
  /** Being deleted and all stopped, or finished. */
  podIsTerminal: boolean;
  now: Date;
}

const rawId = (containerID: string | undefined): string => containerID?.replace(/^[a-z-]+:\/\//, '') ?? '';

// ready/started (upstream prober manager UpdatePodStatus, reference §4.3): only a running container
// can be started, only a started one ready; a regular init container is ready once it exited 0.
function applyProbes(statuses: ApiContainerStatus[], specs: readonly Container[], probes: ProbeVerdicts, init: boolean): void {
  const byName = new Map(specs.map((c) => [c.name, c]));
  for (const s of statuses) {
    const spec = byName.get(s.name);
    const running = s.state?.running !== undefined && s.state.running !== null;
    const id = rawId(s.containerID);
    s.started = running && probes.started(s.name, id);
    if (init && spec && !isSidecar(spec)) s.ready = s.state?.terminated?.exitCode === 0;
    else s.ready = s.started && probes.ready(s.name, id);
  }
}

function hostIPs(nodeIPs: readonly string[], old: PodStatus): Pick<PodStatus, 'hostIP' | 'hostIPs'> {
  if (nodeIPs.length === 0) return old.hostIP ? { hostIP: old.hostIP, hostIPs: old.hostIPs ?? [{ ip: old.hostIP }] } : {};
  return { hostIP: nodeIPs[0], hostIPs: nodeIPs.slice(0, 2).map((ip) => ({ ip })) };
}

// Terminal phases are final: neither the kubelet nor the API lets a pod leave them.
function stickyPhase(computed: string, old: PodStatus): string {
  if (!TERMINAL_PHASES.has(computed) && old.phase && TERMINAL_PHASES.has(old.phase)) return old.phase;
  return computed;
}

export function generatePodStatus(input: StatusInput): PodStatus {
  const { pod, probes } = input;
  const old: PodStatus = pod.status ?? {};
  const instances = newestFirst(input.containers);
  const sandboxes = newestFirst(input.sandboxes);
  const now = rfc3339(input.now);
  const initSpecs = pod.spec.initContainers ?? [];
  const common = { pod, instances, runtimeName: input.runtimeName, reasonCache: input.reasonCache };
  const containerStatuses = convertContainerStatuses({ ...common, specs: pod.spec.containers, previous: old.containerStatuses, isInit: false });
  const initContainerStatuses = convertContainerStatuses({ ...common, specs: initSpecs, previous: old.initContainerStatuses, isInit: true });
  applyProbes(containerStatuses, pod.spec.containers, probes, false);
  applyProbes(initContainerStatuses, initSpecs, probes, true);

  const statuses = [...initContainerStatuses, ...containerStatuses];
  const podHasInitialized = hasActiveRegularContainer(pod, sandboxes, instances);
  const phase = stickyPhase(getPhase({ pod, statuses, podIsTerminal: input.podIsTerminal, podHasInitialized }), old);
  const ips = podIPs(pod, sandboxes, input.nodeIPs, old.podIPs);

  const status: PodStatus = { phase };
  if (phase === old.phase) {
    // reason and message belong to the phase (Evicted, DeadlineExceeded, …)
    if (old.reason) status.reason = old.reason;
    if (old.message) status.message = old.message;
  }
  status.conditions = podConditions({ pod, old, statuses, phase, sandboxChanged: podSandboxChanged(pod, sandboxes), podHasInitialized, now });
  Object.assign(status, hostIPs(input.nodeIPs, old));
  if (ips.length > 0) {
    status.podIP = ips[0]!.ip;
    status.podIPs = ips;
  }
  status.startTime = old.startTime || now;
  if (initSpecs.length > 0) status.initContainerStatuses = initContainerStatuses;
  status.containerStatuses = containerStatuses;
  status.qosClass = old.qosClass ?? computePodQOS(pod.spec);
  if (old.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
  if (old.resize) status.resize = old.resize;
  return normalizeStatus(status, pod.spec.containers.length + initSpecs.length);
}
