// Unit tests for the pure pieces controllers rely on: pod-template-hash, deletion ranking,
// rolling-update fenceposts, taint-eviction timing, flag parsing and --controllers selection.
import type { Deployment, Pod } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import { enabledControllers } from '../controllers/registry.js';
import { resolveFenceposts, maxUnavailable } from '../controllers/deployment/util.js';
import { evictionDelayMs } from '../controllers/nodelifecycle/taint-eviction.js';
import { podsToDelete } from '../controllers/replicaset/ranking.js';
import { parseDuration } from '../options.js';
import { computeHash } from './hash.js';
import { equalIgnoreHash } from './semantic.js';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };

describe('computeHash', () => {
  it('looks like Kubernetes, ignores unset fields, changes with template and collisionCount', () => {
    const h = computeHash(template);
    expect(h).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(computeHash({ ...template, metadata: { ...template.metadata, creationTimestamp: null } })).toBe(h);
    expect(computeHash({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } })).not.toBe(h);
    expect(computeHash(template, 1)).not.toBe(h);
  });
  it('compares templates ignoring pod-template-hash', () => {
    expect(equalIgnoreHash({ ...template, metadata: { labels: { app: 'web', 'pod-template-hash': 'x' } } }, template)).toBe(true);
  });
});

const pod = (name: string, extra: Partial<Pod['spec']> = {}, phase = 'Running', ready = true): Pod => ({
  metadata: { name, uid: name, creationTimestamp: '2024-01-01T00:00:00Z' },
  spec: { containers: [], ...extra },
  status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2024-01-01T00:00:00Z' }] },
});

describe('deletion ranking', () => {
  it('deletes unscheduled, then pending, then not-ready pods first', () => {
    const pods = [pod('running', { nodeName: 'n1' }), pod('notready', { nodeName: 'n1' }, 'Running', false), pod('pending', { nodeName: 'n1' }, 'Pending', false), pod('unscheduled')];
    expect(podsToDelete(pods, pods, 3).map((p) => p.metadata.name)).toEqual(['unscheduled', 'pending', 'notready']);
  });
  it('prefers pods on crowded nodes', () => {
    const pods = [pod('alone', { nodeName: 'n1' }), pod('crowd1', { nodeName: 'n2' }), pod('crowd2', { nodeName: 'n2' })];
    expect(podsToDelete(pods, pods, 1)[0]!.metadata.name).toMatch(/^crowd/);
  });
});

describe('rolling update fenceposts', () => {
  const d = (replicas: number, surge?: number | string, unavail?: number | string): Deployment => ({
    metadata: {},
    spec: { replicas, template, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavail } } },
  });
  it.each([[1, 1, 0], [3, 1, 0], [4, 1, 1], [10, 3, 2]])('replicas %i → surge %i, unavailable %i (25%%/25%%)', (r, s, u) => {
    expect(resolveFenceposts(d(r))).toEqual({ surge: s, unavailable: u });
  });
  it('both zero → unavailable 1; clamped to replicas', () => {
    expect(resolveFenceposts(d(3, 0, 0))).toEqual({ surge: 0, unavailable: 1 });
    expect(maxUnavailable(d(2, 0, 5))).toBe(2);
  });
});

describe('taint eviction timing', () => {
  const taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  it('untolerated → now; tolerationSeconds → that long; no seconds → never', () => {
    expect(evictionDelayMs(pod('p'), [taint])).toBe(0);
    expect(evictionDelayMs(pod('p', { tolerations: [{ key: taint.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] }), [taint])).toBe(300_000);
    expect(evictionDelayMs(pod('p', { tolerations: [{ operator: 'Exists' }] }), [taint])).toBe(Infinity);
    expect(evictionDelayMs(pod('p'), [])).toBe(Infinity);
  });
});

describe('flags', () => {
  it('parses Go durations', () => {
    expect(parseDuration('x', '5s')).toBe(5000);
    expect(parseDuration('x', '1m30s')).toBe(90_000);
    expect(parseDuration('x', '250ms')).toBe(250);
    expect(() => parseDuration('--node-monitor-period', '5')).toThrow(/--node-monitor-period: "5" is not a duration/);
  });
  it('selects controllers like --controllers', () => {
    expect(enabledControllers(['*']).length).toBeGreaterThan(8);
    const names = enabledControllers(['*,-garbagecollector,-job-controller']).map((c) => c.name);
    expect(names).not.toContain('garbage-collector-controller');
    expect(names).not.toContain('job-controller');
    expect(enabledControllers(['deployment', 'replicaset']).map((c) => c.name)).toEqual(['replicaset-controller', 'deployment-controller']);
    expect(() => enabledControllers(['nope'])).toThrow(/unknown controller "nope"/);
  });
});
