// Immutability and counter checks built on apimachinery's equality.Semantic (core's semanticEqual:
// a missing field, null, an empty list and an empty map are all "unset"), so "field is immutable"
// does not fire on a merely re-serialised object.
import { invalid, type FieldError } from '../../field.js';
import { semanticEqual } from '../core/semantic.js';

export { semanticEqual };

export const FIELD_IMMUTABLE = 'field is immutable';

/** ValidateImmutableField. */
export function validateImmutableField(next: unknown, old: unknown, fld: string): FieldError[] {
  return semanticEqual(next, old) ? [] : [invalid(fld, next ?? null, FIELD_IMMUTABLE)];
}

/** IsDecremented for optional counters such as status.collisionCount. */
export function isDecremented(next: number | undefined, old: number | undefined): boolean {
  if (next === undefined && old !== undefined) return true;
  if (next === undefined || old === undefined) return false;
  return next < old;
}
