// The admission seam (k8s.io/apiserver admission.Interface): after decoding, defaulting and
// validation of the object's shape, and before storage, every plugin may mutate the object
// (admit) and then every plugin may refuse it (validate).
import type { ResourceInfo } from '@kubelite/api';
import type { UserInfo } from '../auth/index.js';
import type { KObject } from '../registry/strategy.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  operation: Operation;
  resource: ResourceInfo;
  subresource: string;
  namespace: string;
  name: string;
  /** The object being written; undefined for DELETE. Mutating plugins change it in place. */
  object?: KObject;
  /** The stored object for UPDATE and DELETE. */
  oldObject?: KObject;
  user: UserInfo;
  dryRun: boolean;
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating phase. Throw an ApiError to refuse. */
  admit?(attrs: AdmissionAttributes): void | Promise<void>;
  /** Validating phase, after every mutation. Throw an ApiError to refuse. */
  validate?(attrs: AdmissionAttributes): void | Promise<void>;
}

/** Runs the plugins in order: every admit, then every validate, as Kubernetes' chain does. */
export class AdmissionChain {
  constructor(readonly plugins: readonly AdmissionPlugin[]) {}

  async run(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) if (p.admit) await p.admit(attrs);
    for (const p of this.plugins) if (p.validate) await p.validate(attrs);
  }
}
