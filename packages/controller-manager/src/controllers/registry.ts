// The controllers kube-controller-manager can run, under their 1.32 names (and the older short
// aliases `--controllers` still accepts), each with the option that sets its worker count.
import type { RunnableController } from '../controller/base-controller.js';
import type { ControllerContext } from '../controller/context.js';
import type { ControllerManagerOptions } from '../options.js';
import { cmError } from '../errors.js';
import { CronJobController } from './cronjob/cronjob-controller.js';
import { DaemonSetController } from './daemonset/daemonset-controller.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { EndpointsController } from './endpoints/endpoints-controller.js';
import { EndpointSliceController } from './endpointslice/endpointslice-controller.js';
import { GarbageCollector } from './garbagecollector/garbage-collector.js';
import { JobController } from './job/job-controller.js';
import { NamespaceController } from './namespace/namespace-controller.js';
import { NodeLifecycleController } from './nodelifecycle/node-lifecycle-controller.js';
import { TaintEvictionController } from './nodelifecycle/taint-eviction.js';
import { ReplicaSetController } from './replicaset/replica-set-controller.js';
import { ServiceAccountController } from './serviceaccount/serviceaccount-controller.js';

export interface ControllerDescriptor {
  name: string;
  aliases: readonly string[];
  build(ctx: ControllerContext): RunnableController;
  workers(o: ControllerManagerOptions): number;
}

export const CONTROLLERS: readonly ControllerDescriptor[] = [
  { name: 'replicaset-controller', aliases: ['replicaset'], build: (c) => new ReplicaSetController(c), workers: (o) => o.concurrentReplicasetSyncs },
  { name: 'deployment-controller', aliases: ['deployment'], build: (c) => new DeploymentController(c), workers: (o) => o.concurrentDeploymentSyncs },
  { name: 'garbage-collector-controller', aliases: ['garbagecollector'], build: (c) => new GarbageCollector(c), workers: (o) => o.concurrentGcSyncs },
  { name: 'node-lifecycle-controller', aliases: ['nodelifecycle'], build: (c) => new NodeLifecycleController(c), workers: () => 1 },
  { name: 'taint-eviction-controller', aliases: [], build: (c) => new TaintEvictionController(c), workers: () => 1 },
  { name: 'namespace-controller', aliases: ['namespace'], build: (c) => new NamespaceController(c), workers: (o) => o.concurrentNamespaceSyncs },
  { name: 'endpoints-controller', aliases: ['endpoint'], build: (c) => new EndpointsController(c), workers: (o) => o.concurrentEndpointSyncs },
  { name: 'endpointslice-controller', aliases: ['endpointslice'], build: (c) => new EndpointSliceController(c), workers: (o) => o.concurrentServiceEndpointSyncs },
  { name: 'serviceaccount-controller', aliases: ['serviceaccount'], build: (c) => new ServiceAccountController(c), workers: (o) => o.concurrentServiceaccountSyncs },
  { name: 'daemonset-controller', aliases: ['daemonset'], build: (c) => new DaemonSetController(c), workers: (o) => o.concurrentDaemonsetSyncs },
  { name: 'job-controller', aliases: ['job'], build: (c) => new JobController(c), workers: (o) => o.concurrentJobSyncs },
  { name: 'cronjob-controller', aliases: ['cronjob'], build: (c) => new CronJobController(c), workers: (o) => o.concurrentCronJobSyncs },
];

function lookup(name: string): ControllerDescriptor {
  const d = CONTROLLERS.find((c) => c.name === name || c.aliases.includes(name));
  if (!d) throw cmError('UNKNOWN_CONTROLLER', name, CONTROLLERS.map((c) => c.name).join(', '));
  return d;
}

/** `--controllers`: `*` turns on every controller; `name` adds one; `-name` removes one. */
export function enabledControllers(spec: readonly string[]): ControllerDescriptor[] {
  const on = new Set<ControllerDescriptor>();
  const off = new Set<ControllerDescriptor>();
  for (const raw of spec.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)) {
    if (raw === '*') CONTROLLERS.forEach((c) => on.add(c));
    else if (raw.startsWith('-')) off.add(lookup(raw.slice(1)));
    else on.add(lookup(raw));
  }
  return CONTROLLERS.filter((c) => on.has(c) && !off.has(c));
}
