// resource.Quantity: Kubernetes' fixed-point numbers for CPU, memory and storage. Values are held
// exactly as a BigInt count of nano-units, the finest precision Kubernetes keeps (it rounds
// anything finer up to 1n), so parsing, comparing and adding never meet floating-point error.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export const ERR_FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityParseError extends Error {
  override name = 'QuantityParseError';
}

const NANO = 1_000_000_000n;
// Binary quantities are capped at the largest int64, as Kubernetes caps them.
const MAX_BINARY_NANOS = (2n ** 63n - 1n) * NANO;
// Kubernetes keeps such values symbolically; holding them exactly would cost unbounded memory.
const MAX_DECIMAL_EXPONENT = 100;
const MAX_EXPONENT_SUFFIX = 2 ** 31 - 1;

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

interface Parts {
  negative: boolean;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function scanDigits(s: string, from: number): number {
  let i = from;
  while (isDigit(s[i])) i++;
  return i;
}

// Splits like Kubernetes' parseQuantityString, including its leniency: "1.", ".5", "." and a
// bare suffix such as "Ki" (numerator taken as 0) are all accepted.
function splitQuantity(s: string): Parts {
  let pos = 0;
  const negative = s[0] === '-';
  if (s[0] === '-' || s[0] === '+') pos++;
  let end = scanDigits(s, pos);
  const num = s.slice(pos, end).replace(/^0+/, '') || '0';
  let denom = '';
  if (s[end] === '.') {
    const denomEnd = scanDigits(s, end + 1);
    denom = s.slice(end + 1, denomEnd);
    end = denomEnd;
  }
  const suffixStart = end;
  while (end < s.length && 'eEinumkKMGTP'.includes(s[end] ?? '')) end++;
  if (s[end] === '-' || s[end] === '+') end++;
  if (scanDigits(s, end) !== s.length) throw new QuantityParseError(ERR_FORMAT_WRONG);
  return { negative, num, denom, suffix: s.slice(suffixStart) };
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(suffix: string): Suffix {
  const dec = DECIMAL_SUFFIXES[suffix];
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES[suffix];
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  const m = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
  // Kubernetes rejects exponents outside ±MaxInt32 rather than truncating them.
  const exponent = m?.[1] === undefined ? NaN : Number(m[1]);
  if (!Number.isFinite(exponent) || Math.abs(exponent) > MAX_EXPONENT_SUFFIX) throw new QuantityParseError(ERR_SUFFIX);
  return { base: 10, exponent, format: 'DecimalExponent' };
}

/** Division rounding away from zero for positive operands: any remainder bumps the result. */
function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : q + 1n;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function magnitudeNanos(p: Parts, sfx: Suffix): bigint {
  const digits = BigInt(p.num + p.denom);
  if (digits === 0n) return 0n;
  if (sfx.base === 2) {
    const exact = ceilDiv(digits * 2n ** BigInt(sfx.exponent) * NANO, pow10(p.denom.length));
    return exact > MAX_BINARY_NANOS ? MAX_BINARY_NANOS : exact;
  }
  const shift = sfx.exponent - p.denom.length + 9;
  if (shift >= 0) {
    if (shift - 9 + (p.num + p.denom).length > MAX_DECIMAL_EXPONENT) throw new QuantityParseError(ERR_NUMERIC);
    return digits * pow10(shift);
  }
  // Anything finer than a nano rounds up to the next nano, so asking for a little gets a little.
  return -shift > p.num.length + p.denom.length ? 1n : ceilDiv(digits, pow10(-shift));
}

export class Quantity {
  private constructor(
    /** The exact value in units of 10⁻⁹. */
    readonly nanos: bigint,
    /** How the value is printed; kept from the input as Kubernetes keeps it. */
    readonly format: QuantityFormat,
  ) {}

  /** resource.ParseQuantity. Throws QuantityParseError with Kubernetes' message. */
  static parse(s: string): Quantity {
    if (s.length === 0) throw new QuantityParseError(ERR_FORMAT_WRONG);
    const parts = splitQuantity(s);
    const sfx = interpretSuffix(parts.suffix);
    // Kubernetes reads a number with no digits as 0 ("m", ".", "-Ki"), except on its slow path,
    // taken below nano precision, where it needs at least one digit ("e-10", ".e-10").
    const hasDigit = /[0-9]/.test(s.slice(0, s.length - parts.suffix.length));
    if (!hasDigit && sfx.base === 10 && sfx.exponent < -9) throw new QuantityParseError(ERR_NUMERIC);
    const magnitude = magnitudeNanos(parts, sfx);
    // A binary amount below one unit cannot be written with a binary suffix.
    const format = sfx.format === 'BinarySI' && magnitude > 0n && magnitude < NANO ? 'DecimalSI' : sfx.format;
    return new Quantity(parts.negative ? -magnitude : magnitude, format);
  }

  /** Accepts what Kubernetes accepts in JSON: a string (trimmed) or a number. */
  static fromJSON(value: unknown): Quantity {
    if (typeof value === 'number' && Number.isFinite(value)) return Quantity.parse(String(value));
    if (typeof value === 'string') return Quantity.parse(value.trim());
    throw new QuantityParseError(ERR_FORMAT_WRONG);
  }

  /** resource.NewQuantity: an integer count of units. */
  static fromInt(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value) * NANO, format);
  }

  /** resource.NewMilliQuantity: an integer count of thousandths (CPU millicores). */
  static fromMilli(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value) * 1_000_000n, format);
  }

  /** resource.NewScaledQuantity: value × 10^scale, scale ≥ -9. */
  static fromScaled(value: bigint | number, scale: number): Quantity {
    const shift = scale + 9;
    const nanos = shift >= 0 ? BigInt(value) * pow10(shift) : ceilAway(BigInt(value), pow10(-shift));
    return new Quantity(nanos, 'DecimalSI');
  }

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, format);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.nanos === 0n ? 0 : this.nanos < 0n ? -1 : 1;
  }

  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos === other.nanos ? 0 : this.nanos < other.nanos ? -1 : 1;
  }

  equal(other: Quantity): boolean {
    return this.nanos === other.nanos;
  }

  /** Keeps this format, or takes the other's when this is zero (as Kubernetes' Add does). */
  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.isZero() ? other.format : this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.isZero() ? other.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }

  /** The value in units of 10^scale, rounded away from zero (Kubernetes' ScaledValue). */
  scaledValue(scale: number): bigint {
    const shift = scale + 9;
    return shift >= 0 ? ceilAway(this.nanos, pow10(shift)) : this.nanos * pow10(-shift);
  }

  /** Whole units, rounded away from zero: bytes for memory (`0.5` → 1). */
  value(): number {
    return Number(this.scaledValue(0));
  }

  /** Thousandths, rounded away from zero: millicores for CPU (`1n` → 1). */
  milliValue(): number {
    return Number(this.scaledValue(-3));
  }

  /** Approximate, for scoring and display only. */
  asApproximateFloat64(): number {
    return Number(this.nanos) / 1e9;
  }

  /** The canonical form Kubernetes prints and stores: `1536Mi`, `100m`, `1e3`, `1k`. */
  toString(): string {
    if (this.nanos === 0n) return '0';
    const abs = this.nanos < 0n ? -this.nanos : this.nanos;
    // Binary form only for whole values of at least 1Ki; otherwise it would need rounding.
    if (this.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) return binaryString(this.nanos / NANO);
    return decimalString(this.nanos, this.format === 'DecimalExponent');
  }

  toJSON(): string {
    return this.toString();
  }
}

function ceilAway(a: bigint, b: bigint): bigint {
  return a < 0n ? -ceilDiv(-a, b) : ceilDiv(a, b);
}

function binaryString(units: bigint): string {
  let mantissa = units;
  let power = 0;
  while (power < BINARY_NAMES.length - 1 && mantissa % 1024n === 0n) {
    mantissa /= 1024n;
    power++;
  }
  return `${mantissa}${BINARY_NAMES[power]}`;
}

function decimalString(nanos: bigint, exponentForm: boolean): string {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  // Engineering notation: the exponent comes down to a multiple of three.
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  if (exponentForm) return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Past E there is no SI suffix; fold the excess into the digits rather than drop it.
  if (exponent > 18) {
    mantissa *= pow10(exponent - 18);
    exponent = 18;
  }
  return `${mantissa}${DECIMAL_BY_EXPONENT.get(exponent) ?? ''}`;
}
