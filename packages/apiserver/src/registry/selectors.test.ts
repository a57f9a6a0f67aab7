// labelSelector / fieldSelector as a list, watch or deletecollection reads them: bad syntax and
// fields the kind does not index are 400s with Kubernetes' messages.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { objectFields, selectionPredicate } from './selectors.js';
import type { KObject, Strategy } from './strategy.js';

// A pod-like strategy: spec.nodeName and status.phase are selectable, as for real pods.
const PODS: Strategy = {
  selectableFields: (o) => ({
    'spec.nodeName': ((o.spec ?? {}) as { nodeName?: string }).nodeName ?? '',
    'status.phase': ((o.status ?? {}) as { phase?: string }).phase ?? '',
  }),
};
const PLAIN: Strategy = {};

const pod = (name: string, labels: Record<string, string> | undefined, nodeName?: string, phase?: string): KObject => ({
  metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
  spec: nodeName === undefined ? {} : { nodeName },
  status: phase === undefined ? {} : { phase },
});

const ALL = [
  pod('a', { app: 'web', tier: 'front' }, 'node-1', 'Running'),
  pod('b', { app: 'web', tier: '' }, 'node-2', 'Pending'),
  pod('c', { app: 'db' }, undefined, 'Pending'),
  pod('d', undefined, 'node-1', 'Succeeded'),
];

function names(strategy: Strategy, labels?: string, fields?: string): string[] {
  const p = selectionPredicate(strategy, labels, fields);
  return ALL.filter((o) => !p || p(o)).map((o) => o.metadata.name ?? '');
}

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('selectionPredicate', () => {
  it('is undefined (everything matches) without selectors, or with empty ones', () => {
    expect(selectionPredicate(PODS, undefined, undefined)).toBeUndefined();
    expect(selectionPredicate(PODS, '', '')).toBeUndefined();
    expect(selectionPredicate(PODS, '', ',')).toBeUndefined();
  });

  it('filters by labels', () => {
    expect(names(PODS, 'app=web')).toEqual(['a', 'b']);
    expect(names(PODS, 'app!=web')).toEqual(['c', 'd']);
    expect(names(PODS, 'app in (web,db),tier')).toEqual(['a', 'b']);
    expect(names(PODS, '!app')).toEqual(['d']);
  });

  it('matches an empty label value only where the label exists and is empty', () => {
    expect(names(PODS, 'tier=')).toEqual(['b']);
  });

  it('filters by metadata.name and metadata.namespace for any kind', () => {
    expect(names(PLAIN, undefined, 'metadata.name=c')).toEqual(['c']);
    expect(names(PLAIN, undefined, 'metadata.namespace=default')).toEqual(['a', 'b', 'c', 'd']);
    expect(names(PLAIN, undefined, 'metadata.name!=a,metadata.name!=b')).toEqual(['c', 'd']);
  });

  it('filters by the kind\'s selectable fields, == and = being the same', () => {
    expect(names(PODS, undefined, 'spec.nodeName=node-1')).toEqual(['a', 'd']);
    expect(names(PODS, undefined, 'spec.nodeName==node-1,status.phase!=Succeeded')).toEqual(['a']);
  });

  it('matches an empty field value against unset fields (kubelet-less pods: spec.nodeName=)', () => {
    expect(names(PODS, undefined, 'spec.nodeName=')).toEqual(['c']);
    expect(names(PODS, undefined, 'spec.nodeName!=')).toEqual(['a', 'b', 'd']);
  });

  it('combines label and field selectors with AND', () => {
    expect(names(PODS, 'app=web', 'status.phase=Pending')).toEqual(['b']);
  });

  it('refuses a field the kind does not support with 400', () => {
    const e = apiError(() => selectionPredicate(PLAIN, undefined, 'spec.nodeName=node-1'));
    expect(e.code).toBe(400);
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toBe('field label not supported: spec.nodeName');
    expect(apiError(() => selectionPredicate(PODS, undefined, 'metadata.name=a,spec.unknown=x')).message).toBe('field label not supported: spec.unknown');
  });

  it('refuses malformed selectors with 400 and the parser\'s message', () => {
    const labels = apiError(() => selectionPredicate(PODS, 'app in (web', undefined));
    expect(labels.code).toBe(400);
    expect(labels.message).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    const fields = apiError(() => selectionPredicate(PODS, undefined, 'spec.nodeName'));
    expect(fields.code).toBe(400);
    expect(fields.message).toBe("invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'");
  });
});

describe('objectFields', () => {
  it('always provides name and namespace, which the kind cannot override', () => {
    const sneaky: Strategy = { selectableFields: () => ({ 'metadata.name': 'forged', 'spec.x': 'y' }) };
    expect(objectFields(sneaky, pod('a', undefined))).toEqual({ 'metadata.name': 'a', 'metadata.namespace': 'default', 'spec.x': 'y' });
  });

  it('uses empty strings for a missing name or namespace (cluster-scoped objects)', () => {
    expect(objectFields(PLAIN, { metadata: {} })).toEqual({ 'metadata.name': '', 'metadata.namespace': '' });
  });
});
