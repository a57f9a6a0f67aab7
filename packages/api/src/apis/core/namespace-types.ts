// core/v1 Namespace.
import type { KubeObject } from '../../meta.js';

export type NamespacePhase = 'Active' | 'Terminating';

export interface NamespaceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

export interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: NamespacePhase | string; conditions?: NamespaceCondition[] };
}

/** The finalizer the namespace controller removes once a namespace's contents are gone. */
export const FINALIZER_KUBERNETES = 'kubernetes';

/** Label the apiserver keeps equal to a namespace's name, so selectors can match by name. */
export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';
