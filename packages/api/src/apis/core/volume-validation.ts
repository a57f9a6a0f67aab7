// Pod volumes: unique DNS-label names and exactly one source (ValidateVolumes,
// validateVolumeSource). Returns the names that mounts may refer to.
import { forbidden, invalid, notSupported, required, type FieldError } from '../../field.js';
import { nameIsDNSSubdomain } from '../../validation.js';
import { child, duplicate, index, messagesToErrors, validateDNS1123Label } from './field-helpers.js';
import type { Volume, VolumeSource } from './volume-types.js';
import { VOLUME_SOURCE_FIELDS } from './volume-types.js';

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateMode(mode: number | undefined, path: string): FieldError[] {
  if (mode === undefined || mode === null) return [];
  return mode < 0 || mode > 0o777 ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

function validateNoBacksteps(p: string, path: string): FieldError[] {
  return p.split('/').includes('..') ? [invalid(path, p, "must not contain '..'")] : [];
}

type SourceCheck = (src: VolumeSource, path: string) => FieldError[];

const SOURCE_CHECKS: Partial<Record<keyof VolumeSource, SourceCheck>> = {
  hostPath: (src, path) => {
    const hp = src.hostPath ?? { path: '' };
    const errs = hp.path ? validateNoBacksteps(hp.path, child(path, 'path')) : [required(child(path, 'path'))];
    if (hp.type !== undefined && !HOST_PATH_TYPES.includes(hp.type)) errs.push(notSupported(child(path, 'type'), hp.type, HOST_PATH_TYPES));
    return errs;
  },
  secret: (src, path) => {
    const s = src.secret ?? {};
    const errs = s.secretName ? [] : [required(child(path, 'secretName'))];
    return [...errs, ...validateMode(s.defaultMode, child(path, 'defaultMode'))];
  },
  configMap: (src, path) => {
    const c = src.configMap ?? {};
    const errs = c.name ? messagesToErrors(nameIsDNSSubdomain(c.name, false), child(path, 'name'), c.name) : [required(child(path, 'name'))];
    return [...errs, ...validateMode(c.defaultMode, child(path, 'defaultMode'))];
  },
  persistentVolumeClaim: (src, path) => (src.persistentVolumeClaim?.claimName ? [] : [required(child(path, 'claimName'))]),
  emptyDir: (src, path) => {
    const limit = src.emptyDir?.sizeLimit;
    const negative = typeof limit === 'string' ? limit.trim().startsWith('-') : (limit ?? 0) < 0;
    return negative ? [forbidden(child(path, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [];
  },
  downwardAPI: (src, path) => validateMode(src.downwardAPI?.defaultMode, child(path, 'defaultMode')),
  projected: (src, path) => validateMode(src.projected?.defaultMode, child(path, 'defaultMode')),
};

function validateVolumeSource(src: VolumeSource, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const f of VOLUME_SOURCE_FIELDS) {
    if (src[f] === undefined || src[f] === null) continue;
    if (count > 0) {
      errs.push(forbidden(child(path, f), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...(SOURCE_CHECKS[f]?.(src, child(path, f)) ?? []));
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** A volume with any error is left out of the result, so mounts of it are reported as not found. */
export function validateVolumes(volumes: readonly Volume[] | undefined, path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((v, i) => {
    const p = index(path, i);
    const namePath = child(p, 'name');
    const own = validateVolumeSource(v, p);
    if (!v.name) own.push(required(namePath));
    else own.push(...validateDNS1123Label(v.name, namePath));
    if (names.has(v.name)) own.push(duplicate(namePath, v.name));
    if (own.length === 0) names.add(v.name);
    else errs.push(...own);
  });
  return { errs, names };
}
