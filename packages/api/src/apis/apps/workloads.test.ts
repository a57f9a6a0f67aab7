import { describe, expect, it } from 'vitest';
import { fieldErrorMessage, type FieldError } from '../../field.js';
import { setDefaultsDaemonSet, validateDaemonSet, type DaemonSet } from './daemonset.js';
import { setDefaultsReplicaSet, validateReplicaSet, validateReplicaSetStatusUpdate, type ReplicaSet } from './replicaset.js';
import { validateScale } from './scale.js';
import {
  setDefaultsStatefulSet,
  validateStatefulSet,
  validateStatefulSetUpdate,
  type StatefulSet,
} from './statefulset.js';

const msgs = (errs: FieldError[]): string[] => errs.map(fieldErrorMessage);
const template = (): ReplicaSet['spec']['template'] => ({
  metadata: { labels: { app: 'a' } },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
});

describe('ReplicaSet', () => {
  it('defaults replicas to 1 and validates like a Deployment', () => {
    const rs: ReplicaSet = { metadata: { name: 'rs' }, spec: { selector: { matchLabels: { app: 'a' } }, template: template() } };
    setDefaultsReplicaSet(rs);
    expect(rs.spec.replicas).toBe(1);
    expect(validateReplicaSet(rs)).toEqual([]);
  });

  it('reports bad selector expressions with their paths', () => {
    const rs: ReplicaSet = {
      metadata: { name: 'rs' },
      spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In' }] }, template: template() },
    };
    setDefaultsReplicaSet(rs);
    expect(msgs(validateReplicaSet(rs))).toContain(
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    );
  });

  it('keeps status counters consistent', () => {
    const rs: ReplicaSet = { metadata: { name: 'rs' }, spec: { template: template() }, status: { replicas: 1, fullyLabeledReplicas: 3 } };
    expect(msgs(validateReplicaSetStatusUpdate(rs))).toEqual(['status.fullyLabeledReplicas: Invalid value: 3: cannot be greater than status.replicas']);
  });
});

describe('DaemonSet', () => {
  const ds = (): DaemonSet => ({ metadata: { name: 'ds' }, spec: { selector: { matchLabels: { app: 'a' } }, template: template() } });

  it('defaults to a RollingUpdate of one node at a time', () => {
    const d = ds();
    setDefaultsDaemonSet(d);
    expect(d.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(validateDaemonSet(d)).toEqual([]);
  });

  it('allows exactly one of maxSurge and maxUnavailable', () => {
    const both = ds();
    both.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } };
    setDefaultsDaemonSet(both);
    expect(msgs(validateDaemonSet(both))).toEqual(['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero']);
    const none = ds();
    none.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } };
    setDefaultsDaemonSet(none);
    expect(msgs(validateDaemonSet(none))).toEqual(['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']);
  });

  it('reports a missing selector through the template check, as upstream', () => {
    const d = ds();
    delete d.spec.selector;
    setDefaultsDaemonSet(d);
    expect(msgs(validateDaemonSet(d))).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"a"}: `selector` does not match template `labels`']);
  });
});

describe('StatefulSet', () => {
  const sts = (): StatefulSet => ({
    metadata: { name: 'db' },
    spec: { serviceName: 'db', selector: { matchLabels: { app: 'a' } }, template: template(), volumeClaimTemplates: [{ metadata: { name: 'data' } }] },
  });

  it('defaults policies, partition, retention and claim templates', () => {
    const s = sts();
    setDefaultsStatefulSet(s);
    expect(s.spec.podManagementPolicy).toBe('OrderedReady');
    expect(s.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(s.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(s.spec.replicas).toBe(1);
    expect(s.spec.volumeClaimTemplates?.[0]).toEqual({ metadata: { name: 'data' }, spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
    expect(validateStatefulSet(s)).toEqual([]);
  });

  it('rejects unknown policies', () => {
    const s = sts();
    s.spec.podManagementPolicy = 'Random';
    setDefaultsStatefulSet(s);
    expect(msgs(validateStatefulSet(s))).toEqual(["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"]);
  });

  it('allows changing only replicas, template, update strategy and a few more', () => {
    const old = sts();
    setDefaultsStatefulSet(old);
    const scaled = structuredClone(old);
    scaled.spec.replicas = 5;
    expect(validateStatefulSetUpdate(scaled, old)).toEqual([]);
    const renamed = structuredClone(old);
    renamed.spec.serviceName = 'other';
    expect(msgs(validateStatefulSetUpdate(renamed, old))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});

describe('Scale', () => {
  it('rejects negative replicas with the Scale path', () => {
    expect(msgs(validateScale({ metadata: { name: 'web' }, spec: { replicas: -1 } }))).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
    expect(validateScale({ metadata: { name: 'web' }, spec: { replicas: 3 } })).toEqual([]);
  });
});
