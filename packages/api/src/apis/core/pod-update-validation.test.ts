import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../../field.js';
import { setDefaultsPod } from './pod-defaults.js';
import type { Pod } from './pod-types.js';
import { POD_UPDATE_FORBIDDEN_MESSAGE, validatePodBinding, validatePodStatusUpdate, validatePodUpdate } from './pod-update-validation.js';

function pod(mutate: (p: Pod) => void = () => {}): Pod {
  const p: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx:1' }], tolerations: [{ key: 'a', operator: 'Exists' }] } };
  mutate(p);
  setDefaultsPod(p);
  return p;
}

const update = (mutate: (p: Pod) => void): string[] => validatePodUpdate(pod(mutate), pod()).map(fieldErrorMessage);

describe('validatePodUpdate', () => {
  it('allows image changes, added tolerations and a shorter deadline', () => {
    expect(update((p) => { if (p.spec.containers[0]) p.spec.containers[0].image = 'nginx:2'; })).toEqual([]);
    expect(update((p) => p.spec.tolerations?.push({ key: 'b', operator: 'Exists' }))).toEqual([]);
    expect(update((p) => { p.spec.activeDeadlineSeconds = 30; })).toEqual([]);
  });

  it('forbids any other spec change, with the fields that may change named', () => {
    const out = update((p) => { p.spec.restartPolicy = 'Never'; });
    expect(out).toHaveLength(1);
    expect(out[0]?.startsWith(`spec: Forbidden: ${POD_UPDATE_FORBIDDEN_MESSAGE}\n`)).toBe(true);
    expect(out[0]).toContain('- \trestartPolicy: "Always",\n+ \trestartPolicy: "Never",');
  });

  it('forbids adding containers or dropping tolerations', () => {
    expect(update((p) => p.spec.containers.push({ name: 'b', image: 'x' }))).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
    expect(update((p) => { p.spec.tolerations = []; })).toEqual([
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    ]);
  });

  it('only lets activeDeadlineSeconds shrink', () => {
    const old = pod((p) => { p.spec.activeDeadlineSeconds = 10; });
    expect(validatePodUpdate(pod((p) => { p.spec.activeDeadlineSeconds = 20; }), old).map(fieldErrorMessage)).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value',
    ]);
  });
});

describe('validatePodStatusUpdate', () => {
  it('keeps qosClass and terminated containers of never-restarting pods', () => {
    const old = pod((p) => { p.spec.restartPolicy = 'Never'; });
    old.status = { qosClass: 'BestEffort', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0 } } }] };
    const next = pod((p) => { p.spec.restartPolicy = 'Never'; });
    next.status = { qosClass: 'Guaranteed', podIPs: [{ ip: '10.0.0.300' }], containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } }] };
    expect(validatePodStatusUpdate(next, old).map(fieldErrorMessage)).toEqual([
      'status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state',
      'status.qosClass: Invalid value: "Guaranteed": field is immutable',
      'status.podIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
  });
});

describe('validatePodBinding', () => {
  it('needs a node name and accepts only Node targets', () => {
    expect(validatePodBinding({ metadata: { name: 'p' }, target: { kind: 'Pod', name: '' } }).map(fieldErrorMessage)).toEqual([
      'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"',
      'target.name: Required value',
    ]);
  });
});
