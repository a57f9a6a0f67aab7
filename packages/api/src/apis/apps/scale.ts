// autoscaling/v1 Scale: the body of every workload's `scale` subresource.
import { invalid, type FieldError } from '../../field.js';
import type { KubeObject } from '../../meta.js';

export interface ScaleSpec {
  replicas?: number;
}

export interface ScaleStatus {
  replicas: number;
  /** The workload's selector in `?labelSelector=` syntax, so clients need not understand it. */
  selector?: string;
}

export interface Scale extends KubeObject {
  spec?: ScaleSpec;
  status?: ScaleStatus;
}

/** ValidateScale's spec check (the name is checked against the URL by the server). */
export function validateScale(scale: Scale): FieldError[] {
  const replicas = scale.spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    return [invalid('spec.replicas', replicas, 'must be an integer')];
  }
  return replicas < 0 ? [invalid('spec.replicas', replicas, 'must be greater than or equal to 0')] : [];
}
