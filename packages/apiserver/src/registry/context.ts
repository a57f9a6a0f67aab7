// What one API request brings to the registry besides the object: who asks, where, and how.
import type { UserInfo } from '../auth/index.js';
import { managerOrUserAgent } from '../patch/index.js';
import { formatTime } from '../patch/manager.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface RequestContext {
  user: UserInfo;
  /** The URL's namespace; '' for cluster-scoped resources and all-namespace lists. */
  namespace: string;
  /** `dryRun=All`: run every step, store nothing. */
  dryRun: boolean;
  /** `fieldManager`, or the user agent's product name as Kubernetes derives it. */
  fieldManager: string;
  fieldValidation: FieldValidation;
  now: Date;
}

/** Kubernetes' default field manager: the User-Agent up to the first '/', at most 128 bytes. */
export function defaultFieldManager(userAgent: string | undefined): string {
  return managerOrUserAgent(undefined, userAgent) || 'unknown';
}

/** metav1.Time: RFC 3339 in UTC with second precision (the format managedFields use too). */
export const rfc3339 = formatTime;
