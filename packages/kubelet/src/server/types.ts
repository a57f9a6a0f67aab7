// What the kubelet API server needs from the kubelet: its pods (with status) and the runtime
// that runs each, so logs, exec and attach reach the right container instance.
import type { Registry } from 'prom-client';
import type { Pod } from '@kubelite/api';
import type { HealthCheck, Logger } from '@kubelite/client';
import type { ContainerRuntime, ContainerStatus } from '../runtime/types.js';

export interface KubeletPodProvider {
  /** Pods this kubelet runs (API pods bound here and static pods), with current status. */
  listPods(): Pod[];
  /** By namespace/name; a mirror pod's name resolves to its static pod. uid, when given, must match. */
  getPod(namespace: string, name: string, uid?: string): Pod | undefined;
  /** The runtime handler that runs this pod. */
  runtimeFor(pod: Pod): ContainerRuntime;
  /** All instances of this pod's containers, newest first (what the runtime lists for the pod uid). */
  containers(pod: Pod): Promise<ContainerStatus[]>;
}

export interface KubeletServerOptions {
  /** Bind address; default 0.0.0.0. */
  address?: string;
  /** 10250 upstream; 0 picks a free port. */
  port: number;
  /** PEM serving pair; the kubelet passes a self-signed one when none is configured. */
  tls: { cert: string; key: string };
  /** --client-ca-file: when set, every request but /healthz needs a client certificate it signed. */
  clientCaPem?: string | undefined;
  pods: KubeletPodProvider;
  logger: Logger;
  /** Where /metrics reads from; a private registry when absent. */
  metricsRegistry?: Registry;
  /** Checks behind /healthz besides the built-in ping. */
  healthChecks?: readonly HealthCheck[];
}

export interface KubeletServer {
  port: number;
  close(): Promise<void>;
}
