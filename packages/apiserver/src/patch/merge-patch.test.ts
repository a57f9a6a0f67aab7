import { describe, expect, it } from 'vitest';
import { mergePatch } from './merge-patch.js';

describe('mergePatch (RFC 7386, evanphx flavour)', () => {
  // RFC 7386 appendix A, restricted to object targets and object patches (the only shapes the
  // apiserver lets through).
  const vectors: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(vectors)('%j + %j', (target, patch, want) => {
    expect(mergePatch(target as Record<string, unknown>, patch as Record<string, unknown>)).toEqual(want);
  });
  it('keeps null array elements but prunes objects inside new arrays', () => {
    expect(mergePatch({}, { a: [null, { b: null, c: 1 }] })).toEqual({ a: [null, { c: 1 }] });
  });
  it('stores an array replacing an object as sent', () => {
    expect(mergePatch({ a: { x: 1 } }, { a: [{ b: null }] })).toEqual({ a: [{ b: null }] });
  });
});
