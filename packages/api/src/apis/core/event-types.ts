// core/v1 Event (the legacy events API that `kubectl get events` and `describe` read).
import type { KubeObject } from '../../meta.js';
import type { ObjectReference } from './service-types.js';

export interface EventSource {
  component?: string;
  host?: string;
}

export interface EventSeries {
  count?: number;
  /** MicroTime: RFC 3339 with microseconds. */
  lastObservedTime?: string;
}

export interface Event extends KubeObject {
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  source?: EventSource;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: 'Normal' | 'Warning' | string;
  /** MicroTime; set by the events.k8s.io-style recorders, null for legacy ones. */
  eventTime?: string | null;
  series?: EventSeries;
  action?: string;
  related?: ObjectReference;
  reportingComponent?: string;
  reportingInstance?: string;
}
