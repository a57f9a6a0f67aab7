import { describe, expect, it } from 'vitest';
import { ERR_FORMAT_WRONG, ERR_NUMERIC, ERR_SUFFIX, Quantity, QuantityParseError } from './quantity.js';

const canon = (s: string): string => Quantity.parse(s).toString();

describe('Quantity canonical form', () => {
  it.each([
    ['1000m', '1'],
    ['1.5Gi', '1536Mi'],
    ['0.1', '100m'],
    ['1e3', '1e3'],
    ['1E3', '1e3'],
    ['1000', '1k'],
    ['100', '100'],
    ['1.5', '1500m'],
    ['0.5Mi', '512Ki'],
    ['1024Mi', '1Gi'],
    ['1025Ki', '1025Ki'],
    ['1.5Ki', '1536'],
    ['0.5Ki', '512'],
    ['100.035Ki', '102435840m'],
    ['80e-3', '80e-3'],
    ['0.5e-9', '1e-9'],
    ['1.2e3', '1200'],
    ['12E', '12E'],
    ['9Ei', '9223372036854775807'],
    ['-1.5', '-1500m'],
    ['+1', '1'],
    ['0', '0'],
    ['0Ki', '0'],
    ['-0', '0'],
    ['1.G', '1G'],
    ['.001', '1m'],
  ])('%s prints as %s', (input, expected) => {
    expect(canon(input)).toBe(expected);
  });

  it('rounds anything finer than a nano up, away from zero', () => {
    expect(canon('3.001n')).toBe('4n');
    expect(canon('0.00000012345')).toBe('124n');
    expect(canon('-0.0000000001')).toBe('-1n');
    expect(canon('1e-10')).toBe('1e-9');
  });

  it('turns a binary amount below one unit into DecimalSI', () => {
    const q = Quantity.parse('0.000000000001Ki');
    expect(q.format).toBe('DecimalSI');
    expect(q.toString()).toBe('2n');
  });

  it('serialises to JSON as its canonical string', () => {
    expect(JSON.stringify({ cpu: Quantity.parse('0.5'), memory: Quantity.parse('2048Mi') })).toBe(
      '{"cpu":"500m","memory":"2Gi"}',
    );
  });
});

describe('Quantity parse errors', () => {
  it.each(['', ' 1', '1 ', '1.1.M', '1+1.0M', 'aoeu', '1e3x', '0.1am'])('%j does not match the grammar', (input) => {
    expect(() => Quantity.parse(input)).toThrow(new QuantityParseError(ERR_FORMAT_WRONG));
  });

  it.each(['0.1mi', '.5i', '1i', '-3.01e-', '1K', '1kk', '1e4294967297', '1e'])('%j has a bad suffix', (input) => {
    expect(() => Quantity.parse(input)).toThrow(ERR_SUFFIX);
  });

  it('needs a digit below nano precision, as Kubernetes slow path does', () => {
    expect(() => Quantity.parse('e-10')).toThrow(ERR_NUMERIC);
    expect(Quantity.parse('m').isZero()).toBe(true);
  });

  it('words the grammar error exactly as Kubernetes', () => {
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});

describe('Quantity arithmetic and values', () => {
  it('adds and subtracts exactly where floats would not', () => {
    const sum = Quantity.parse('0.1').add(Quantity.parse('0.2'));
    expect(sum.equal(Quantity.parse('300m'))).toBe(true);
    expect(sum.toString()).toBe('300m');
    expect(Quantity.parse('1Gi').sub(Quantity.parse('512Mi')).toString()).toBe('512Mi');
  });

  it('keeps the receiver format unless it is zero', () => {
    expect(Quantity.parse('1k').add(Quantity.parse('1Ki')).format).toBe('DecimalSI');
    expect(Quantity.zero().add(Quantity.parse('1Ki')).toString()).toBe('1Ki');
  });

  it('compares across formats', () => {
    expect(Quantity.parse('10000T').cmp(Quantity.parse('100Gi'))).toBe(1);
    expect(Quantity.parse('50m').cmp(Quantity.parse('100m'))).toBe(-1);
    expect(Quantity.parse('1Ki').cmp(Quantity.parse('1024'))).toBe(0);
  });

  it('rounds value() and milliValue() away from zero', () => {
    expect(Quantity.parse('1.5').value()).toBe(2);
    expect(Quantity.parse('-1.5').value()).toBe(-2);
    expect(Quantity.parse('1n').milliValue()).toBe(1);
    expect(Quantity.parse('250m').milliValue()).toBe(250);
    expect(Quantity.parse('2Gi').value()).toBe(2147483648);
    expect(Quantity.parse('1.5').scaledValue(-3)).toBe(1500n);
  });

  it('builds from integers like NewQuantity and NewMilliQuantity', () => {
    expect(Quantity.fromMilli(1500).toString()).toBe('1500m');
    expect(Quantity.fromInt(1048576, 'BinarySI').toString()).toBe('1Mi');
    expect(Quantity.fromScaled(5, 3).toString()).toBe('5k');
  });

  it('decodes JSON strings (trimmed) and numbers', () => {
    expect(Quantity.fromJSON(' 100m ').toString()).toBe('100m');
    expect(Quantity.fromJSON(0.5).toString()).toBe('500m');
    expect(() => Quantity.fromJSON(true)).toThrow(ERR_FORMAT_WRONG);
  });
});
