// events.k8s.io/v1 Event: the structured events API. The same objects are also served as core/v1
// Events (one storage, two shapes), see event-conversion.ts.
import type { KubeObject } from '../../meta.js';

export interface EventObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface EventsV1Series {
  count: number;
  /** MicroTime. */
  lastObservedTime: string;
}

export interface EventsV1Event extends KubeObject {
  /** MicroTime; required for events.k8s.io clients. */
  eventTime: string | null;
  series?: EventsV1Series | null;
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  reason?: string;
  regarding?: EventObjectReference;
  related?: EventObjectReference | null;
  note?: string;
  type?: 'Normal' | 'Warning' | string;
  deprecatedSource?: { component?: string; host?: string };
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number;
}
