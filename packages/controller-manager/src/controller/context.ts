// What every controller is built from: the API client, the process-wide shared informers, an
// event recorder per component name, a logger and the manager's options. Controllers register
// their informers and handlers while being constructed; the manager starts informers afterwards.
import type { KubeClient, Logger, SharedInformerFactory } from '@kubelite/client';
import type { ControllerMetrics } from '../metrics.js';
import type { ControllerManagerOptions } from '../options.js';
import { EventRecorder } from '@kubelite/client';

export interface ControllerContext {
  client: KubeClient;
  informers: SharedInformerFactory;
  logger: Logger;
  metrics: ControllerMetrics;
  options: ControllerManagerOptions;
  recorder(component: string): EventRecorder;
}

export function newControllerContext(
  client: KubeClient,
  informers: SharedInformerFactory,
  logger: Logger,
  metrics: ControllerMetrics,
  options: ControllerManagerOptions,
): ControllerContext {
  const recorders = new Map<string, EventRecorder>();
  return {
    client,
    informers,
    logger,
    metrics,
    options,
    recorder(component) {
      let r = recorders.get(component);
      if (!r) recorders.set(component, (r = new EventRecorder(client, component, logger)));
      return r;
    },
  };
}
