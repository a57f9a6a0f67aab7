// Volume defaulting: an empty source is an emptyDir, projected files are world-readable by
// default (0644), and projected service-account tokens live an hour.
import type { Volume } from './volume-types.js';
import { VOLUME_SOURCE_FIELDS } from './volume-types.js';

/** 0644, the mode Kubernetes gives secret, configMap, downwardAPI and projected files. */
export const DEFAULT_VOLUME_FILE_MODE = 0o644;

export function setDefaultsVolume(v: Volume): void {
  if (!VOLUME_SOURCE_FIELDS.some((f) => v[f] !== undefined && v[f] !== null)) v.emptyDir = {};
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = DEFAULT_VOLUME_FILE_MODE;
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = DEFAULT_VOLUME_FILE_MODE;
  if (v.downwardAPI && v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = DEFAULT_VOLUME_FILE_MODE;
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  for (const item of v.downwardAPI?.items ?? []) if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
  if (v.projected) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = DEFAULT_VOLUME_FILE_MODE;
    for (const source of v.projected.sources ?? []) {
      const token = source.serviceAccountToken;
      if (token && token.expirationSeconds === undefined) token.expirationSeconds = 3600;
      for (const item of source.downwardAPI?.items ?? []) {
        if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
      }
    }
  }
}
