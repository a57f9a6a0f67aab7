// coordination.k8s.io/v1 Lease: the heartbeat and leader-election record (ValidateLease, 1.32).
import { forbidden, invalid, type FieldError } from '../../field.js';
import type { KubeObject } from '../../meta.js';
import { isMicroTime, MICROTIME_ERROR, normalizeMicroTime } from './microtime.js';

export interface LeaseSpec {
  holderIdentity?: string | null;
  leaseDurationSeconds?: number | null;
  /** MicroTime. */
  acquireTime?: string | null;
  /** MicroTime. */
  renewTime?: string | null;
  leaseTransitions?: number | null;
  /** Coordinated leader election (alpha in 1.32, so the server drops it). */
  strategy?: string | null;
  preferredHolder?: string | null;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

/** No defaults upstream; times are brought to canonical MicroTime as decoding would. */
export function setDefaultsLease(lease: Lease): void {
  normalizeMicroTime(lease.spec, 'acquireTime');
  normalizeMicroTime(lease.spec, 'renewTime');
}

/** With the CoordinatedLeaderElection gate off (1.32's default) these fields are not kept. */
export function dropDisabledLeaseFields(lease: Lease, old?: Lease): void {
  if (!lease.spec) return;
  if (!old?.spec?.strategy) delete lease.spec.strategy;
  if (!old?.spec?.preferredHolder) delete lease.spec.preferredHolder;
}

export function validateLease(lease: Lease): FieldError[] {
  const spec = lease.spec ?? {};
  const errs: FieldError[] = [];
  const duration = spec.leaseDurationSeconds;
  if (duration !== undefined && duration !== null && duration <= 0) {
    errs.push(invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  }
  const transitions = spec.leaseTransitions;
  if (transitions !== undefined && transitions !== null && transitions < 0) {
    errs.push(invalid('spec.leaseTransitions', transitions, 'must be greater than or equal to 0'));
  }
  for (const k of ['acquireTime', 'renewTime'] as const) {
    const v = spec[k];
    if (v !== undefined && v !== null && !isMicroTime(v)) errs.push(invalid(`spec.${k}`, v, MICROTIME_ERROR));
  }
  if (spec.preferredHolder && !spec.strategy) {
    errs.push(forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  }
  return errs;
}
