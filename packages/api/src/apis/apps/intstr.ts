// intstr.IntOrString as apps and policy validation read it. On the wire a number is an int and a
// string is a percentage ("25%"); Kubernetes reads a non-percent string with Atoi, so "3" counts as 3.
import { invalid, type FieldError } from '../../field.js';
import { regexError } from '../../validation.js';
import { validateNonnegative } from '../core/field-helpers.js';

export type IntOrString = number | string;

const PERCENT_FMT = '[0-9]+%';
const PERCENT_RE = /^[0-9]+%$/;
const ATOI_RE = /^[+-]?[0-9]+$/;

/** validation.IsValidPercent. */
export function isValidPercent(value: string): string[] {
  if (PERCENT_RE.test(value)) return [];
  return [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%')];
}

function percentValue(v: IntOrString | undefined): number | undefined {
  return typeof v === 'string' && PERCENT_RE.test(v) ? Number.parseInt(v.slice(0, -1), 10) : undefined;
}

/** getIntOrPercentValue: the percentage if it is one, else the integer (0 for garbage, as Atoi). */
export function intOrPercentValue(v: IntOrString | undefined): number {
  const pct = percentValue(v);
  if (pct !== undefined) return pct;
  if (typeof v === 'number') return v;
  return typeof v === 'string' && ATOI_RE.test(v) ? Number.parseInt(v, 10) : 0;
}

/** ValidatePositiveIntOrPercent: a non-negative int, or a well-formed percentage. */
export function validatePositiveIntOrPercent(v: IntOrString | undefined, fld: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return isValidPercent(v).map((msg) => invalid(fld, v, msg));
  if (typeof v === 'number') return validateNonnegative(v, fld);
  // Upstream passes this text to field.Invalid unformatted, hence the doubled percent sign.
  return [invalid(fld, v, "must be an integer or percentage (e.g '5%%')")];
}

/** IsNotMoreThan100Percent: only percentages are bounded. */
export function isNotMoreThan100Percent(v: IntOrString | undefined, fld: string): FieldError[] {
  const pct = percentValue(v);
  return pct !== undefined && pct > 100 ? [invalid(fld, v, 'must not be greater than 100%')] : [];
}

/** Scales an int-or-percent against a total, rounding as the controllers do (GetScaledValueFromIntOrPercent). */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  const pct = percentValue(v);
  if (pct === undefined) return intOrPercentValue(v);
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
