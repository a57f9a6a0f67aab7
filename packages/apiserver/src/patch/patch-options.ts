// PatchOptions checks and the default field manager, as the apiserver's patch handler applies them
// before touching the object (metav1 validation's ValidatePatchOptions / ValidateFieldManager).
import { forbidden, invalid as fieldInvalid, required, tooLong, type FieldError } from '@kubelite/api';
import { invalid, type ApiError } from '../errors.js';
import type { PatchType } from './patch.js';

export const FIELD_MANAGER_MAX_LENGTH = 128;

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const isPrint = (ch: string): boolean => ch === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);

function fieldManagerErrors(fieldManager: string): FieldError[] {
  const errs: FieldError[] = [];
  if (fieldManager.length > FIELD_MANAGER_MAX_LENGTH) errs.push(tooLong('fieldManager', fieldManager, FIELD_MANAGER_MAX_LENGTH));
  let i = 0;
  for (const ch of fieldManager) {
    if (!isPrint(ch)) {
      const code = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      errs.push(fieldInvalid('fieldManager', fieldManager, `invalid character U+${code} (at position ${i})`));
    }
    i += Buffer.byteLength(ch);
  }
  return errs;
}

/**
 * The 422 (`PatchOptions.meta.k8s.io "" is invalid: …`) for options a patch type does not allow:
 * apply needs a field manager, `force` belongs to apply only. Undefined when the options are fine.
 */
export function patchOptionsError(type: PatchType, options: { fieldManager?: string; force?: boolean }): ApiError | undefined {
  const errs: FieldError[] = [];
  const manager = options.fieldManager ?? '';
  if (type !== 'apply' && options.force !== undefined) errs.push(forbidden('force', 'may not be specified for non-apply patch'));
  if (type === 'apply' && manager === '') errs.push(required('fieldManager', 'is required for apply patch'));
  errs.push(...fieldManagerErrors(manager));
  return errs.length === 0 ? undefined : invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', errs);
}

/**
 * The manager a write is recorded under: the `fieldManager` query parameter, else the User-Agent
 * up to its first `/` (printable characters only, at most 128 bytes), as Kubernetes does.
 */
export function managerOrUserAgent(fieldManager: string | undefined, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  let out = '';
  for (const ch of (userAgent ?? '').split('/')[0] ?? '') {
    if (!isPrint(ch)) continue;
    if (Buffer.byteLength(out + ch) > FIELD_MANAGER_MAX_LENGTH) break;
    out += ch;
  }
  return out;
}
