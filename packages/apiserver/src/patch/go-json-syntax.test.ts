import { describe, expect, it } from 'vitest';
import { goJsonSyntaxError } from './go-json-syntax.js';

describe("Go's JSON syntax errors", () => {
  it.each([
    ['', 'unexpected end of JSON input'],
    ['{"a":', 'unexpected end of JSON input'],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{a}', "invalid character 'a' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['tru', 'unexpected end of JSON input'],
    ['trux', "invalid character 'x' in literal true (expecting 'e')"],
    ['"a\\q"', "invalid character 'q' in string escape code"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ['1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['-x', "invalid character 'x' in numeric literal"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
  ])('%j', (text, want) => {
    expect(goJsonSyntaxError(text)).toBe(want);
  });
});
