// core/v1 ConfigMap, Secret and ServiceAccount: kinds without spec/status.
import type { KubeObject } from '../../meta.js';
import type { ObjectReference } from './service-types.js';

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  /** Values are base64 in JSON. */
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export type SecretType =
  | 'Opaque'
  | 'kubernetes.io/service-account-token'
  | 'kubernetes.io/dockercfg'
  | 'kubernetes.io/dockerconfigjson'
  | 'kubernetes.io/basic-auth'
  | 'kubernetes.io/ssh-auth'
  | 'kubernetes.io/tls'
  | 'bootstrap.kubernetes.io/token';

export interface Secret extends KubeObject {
  /** Values are base64 in JSON. */
  data?: Record<string, string>;
  /** Write-only convenience: merged into `data` on write, never stored or returned. */
  stringData?: Record<string, string>;
  type?: SecretType | string;
  immutable?: boolean;
}

export interface ServiceAccount extends KubeObject {
  secrets?: ObjectReference[];
  imagePullSecrets?: { name?: string }[];
  automountServiceAccountToken?: boolean;
}
