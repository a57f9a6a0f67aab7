import { describe, expect, it } from 'vitest';
import { capUpdateManagers } from './cap-managers.js';
import { fieldPE } from './field-path.js';
import { FieldSet } from './field-set.js';
import type { Manager } from './manager.js';

const update = (name: string, minute: number, field: string, apiVersion = 'v1'): Manager => ({
  manager: name,
  operation: 'Update',
  apiVersion,
  time: `2025-01-01T00:${String(minute).padStart(2, '0')}:00Z`,
  set: FieldSet.of([fieldPE(field)]),
});

describe('capUpdateManagers', () => {
  it('leaves ten or fewer Update entries alone', () => {
    const ms = Array.from({ length: 10 }, (_, i) => update(`m${i}`, i, `f${i}`));
    expect(capUpdateManagers(ms)).toEqual(ms);
  });
  it('folds the oldest into ancient-changes', () => {
    const ms = Array.from({ length: 12 }, (_, i) => update(`m${i}`, i, `f${i}`));
    const apply: Manager = { manager: 'a', operation: 'Apply', apiVersion: 'v1', set: FieldSet.of([fieldPE('x')]) };
    const out = capUpdateManagers([apply, ...ms]);
    expect(out.filter((m) => m.operation === 'Update')).toHaveLength(10);
    const bucket = out.find((m) => m.manager === 'ancient-changes');
    expect(bucket?.set.paths()).toEqual([[fieldPE('f0')], [fieldPE('f1')], [fieldPE('f2')]]);
    expect(bucket?.time).toBe('2025-01-01T00:02:00Z');
    expect(out).toContain(apply);
  });
});
