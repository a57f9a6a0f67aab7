import { describe, expect, it } from 'vitest';
import type { KObject, Strategy } from '../../strategy.js';
import { CORE_STRATEGIES } from './index.js';

// Wrong-typed JSON must fail as a decode error (TypeError → 400), never as anything else (500).
const SAMPLES: Record<string, Record<string, unknown>> = {
  '/pods': { spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } } }], volumes: [{ name: 'v' }] } },
  '/services': { spec: { ports: [{ port: 80 }], selector: { a: 'b' }, type: 'NodePort' } },
  '/nodes': { spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] }, status: { capacity: { cpu: '1' } } },
  '/secrets': { data: { a: 'YQ==' }, stringData: { b: 'c' } },
  '/configmaps': { data: { a: 'b' } },
  '/events': { involvedObject: { kind: 'Pod', name: 'p' }, reason: 'R' },
  '/endpoints': { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] },
  '/namespaces': { spec: { finalizers: ['kubernetes'] } },
};
const WEIRD: unknown[] = [null, 5, 'str', true, [], {}, [1, 'a'], { x: 1 }, -1, 1e40];

function prng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

// Replaces one randomly chosen node of the object tree with a value of another type.
function mutate(value: unknown, rand: () => number): unknown {
  if (value === null || typeof value !== 'object' || rand() < 0.3) return WEIRD[Math.floor(rand() * WEIRD.length)];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  const k = keys[Math.floor(rand() * keys.length)] ?? '';
  (copy as Record<string, unknown>)[k] = mutate((copy as Record<string, unknown>)[k], rand);
  return copy;
}

function exercise(strategy: Strategy, obj: KObject, old: KObject): void {
  strategy.prepareForCreate?.(obj);
  strategy.defaults?.(obj);
  strategy.validate?.(obj);
  strategy.prepareForUpdate?.(obj, old);
  strategy.validateUpdate?.(obj, old);
  strategy.validateStatusUpdate?.(obj, old);
  strategy.selectableFields?.(obj);
  strategy.table?.cells(obj, new Date());
}

describe('core strategies on wrong-typed input', () => {
  it('throw nothing but TypeError or RangeError', () => {
    const rand = prng(7);
    for (const [resource, sample] of Object.entries(SAMPLES)) {
      const strategy = CORE_STRATEGIES[resource] ?? {};
      for (let i = 0; i < 300; i++) {
        const obj = { metadata: { name: 'x', namespace: 'default' }, ...(mutate(structuredClone(sample), rand) as object) } as KObject;
        const old = { metadata: { name: 'x', namespace: 'default' }, ...structuredClone(sample) } as KObject;
        try {
          exercise(strategy, obj, old);
        } catch (err) {
          expect(err instanceof TypeError || err instanceof RangeError, `${resource} ${JSON.stringify(obj)}: ${String(err)}`).toBe(true);
        }
      }
    }
  });
});
