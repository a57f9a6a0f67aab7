// One probe run (upstream prober.go): pick the handler, run it, tell the user through a Warning
// event when it failed ("Liveness probe failed: …"), warned ("… probe warning: …") or could not
// run at all ("… probe errored …"). An errored run is retried twice, then thrown away: it says
// nothing about the container.
import type { Container, Pod, Probe } from '@kubelite/api';
import type { Logger } from '@kubelite/client';
import type { ContainerRuntime } from '../runtime/types.js';
import { ProbeError, probeError } from './errors.js';
import { expandProbeCommand, probeExec } from './exec.js';
import { probeGrpc } from './grpc.js';
import { httpProbeRequest, probeHttp } from './http.js';
import { resolveContainerPort } from './ports.js';
import { probeTcp } from './tcp.js';
import { kindTitle, type HandlerOutcome, type ProbeKind } from './types.js';

const MAX_ATTEMPTS = 3;
const DEFAULT_TIMEOUT_SECONDS = 1;

export type EventRecorder = (pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath: string) => void;

export interface ProbeTarget {
  pod: Pod;
  container: Container;
  /** The runtime's raw container id. */
  containerId: string;
  podIP?: string;
  /** Resolved only for exec probes (the pod's runtime handler may be unsupported). */
  runtime(): ContainerRuntime;
  /** `spec.containers{name}` or `spec.initContainers{name}`. */
  fieldPath: string;
}

/** The container's event fieldPath, as upstream's GenerateContainerRef writes it. */
export function containerFieldPath(container: Container, init: boolean): string {
  return `spec.${init ? 'initContainers' : 'containers'}{${container.name}}`;
}

function podName(pod: Pod): string {
  return `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
}

/** Runs the probe's one handler; throws a ProbeError when it cannot be run. */
export async function runHandler(spec: Probe, target: ProbeTarget): Promise<HandlerOutcome> {
  const timeoutMs = (spec.timeoutSeconds || DEFAULT_TIMEOUT_SECONDS) * 1000;
  const { container, podIP } = target;
  if (spec.exec) {
    let runtime: ContainerRuntime;
    try {
      runtime = target.runtime();
    } catch (err) {
      throw probeError('RUNTIME', container.name, err instanceof Error ? err.message : String(err));
    }
    return probeExec(runtime, target.containerId, container, expandProbeCommand(spec.exec.command ?? [], container), timeoutMs);
  }
  if (spec.httpGet) return probeHttp(httpProbeRequest(spec.httpGet, container, podIP), timeoutMs);
  if (spec.tcpSocket) {
    const port = resolveContainerPort(spec.tcpSocket.port, container);
    const host = spec.tcpSocket.host || podIP;
    if (!host) throw probeError('NO_POD_IP', container.name);
    return probeTcp(host, port, timeoutMs);
  }
  if (spec.grpc) {
    if (!podIP) throw probeError('NO_POD_IP', container.name);
    return probeGrpc(podIP, resolveContainerPort(spec.grpc.port, container), spec.grpc.service ?? '', timeoutMs);
  }
  throw probeError('NO_HANDLER', podName(target.pod), container.name);
}

export class Prober {
  constructor(
    private readonly recordEvent: EventRecorder,
    private readonly logger: Logger,
  ) {}

  /** 'success' or 'failure'; undefined when the probe errored and its run must not count. */
  async probe(kind: ProbeKind, spec: Probe, target: ProbeTarget): Promise<'success' | 'failure' | undefined> {
    const title = kindTitle(kind);
    const log = { pod: podName(target.pod), container: target.container.name, probe: kind };
    let lastError: unknown;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        const outcome = await runHandler(spec, target);
        if (outcome.result === 'failure') {
          this.logger.info({ ...log, output: outcome.output }, 'probe failed');
          this.recordEvent(target.pod, 'Warning', 'Unhealthy', `${title} probe failed: ${outcome.output}`, target.fieldPath);
          return 'failure';
        }
        if (outcome.result === 'warning') {
          this.recordEvent(target.pod, 'Warning', 'ProbeWarning', `${title} probe warning: ${outcome.output}`, target.fieldPath);
        }
        this.logger.debug(log, 'probe succeeded');
        return 'success';
      } catch (err) {
        lastError = err;
      }
    }
    const message = lastError instanceof Error ? lastError.message : String(lastError);
    const state = lastError instanceof ProbeError && lastError.problem === 'BODY_READ' ? 'failure' : 'unknown';
    this.logger.warn({ ...log, err: message }, 'probe errored');
    this.recordEvent(target.pod, 'Warning', 'Unhealthy', `${title} probe errored and resulted in ${state} state: ${message}`, target.fieldPath);
    return undefined;
  }
}
