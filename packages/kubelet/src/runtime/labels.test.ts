import { describe, expect, it } from 'vitest';
import { containerLabels, podRefFromLabels, sandboxLabels, splitLabels } from './labels.js';
import { containerConfig, sandboxConfig } from './testing/fixtures.js';

const pod = { uid: 'u1', name: 'p', namespace: 'ns' };

describe('runtime labels', () => {
  it('puts pod labels, annotations and identity on the sandbox, and splits them back', () => {
    const sbc = sandboxConfig(pod, '/logs');
    const labels = sandboxLabels(sbc, 'node-a');
    expect(labels).toEqual({
      app: 'demo',
      'annotation.example.com/note': 'hello',
      'io.kubernetes.pod.name': 'p',
      'io.kubernetes.pod.namespace': 'ns',
      'io.kubernetes.pod.uid': 'u1',
      'io.kubernetes.container.name': 'POD',
      'io.kubernetes.docker.type': 'podsandbox',
      'io.kubelite.node.name': 'node-a',
    });
    expect(splitLabels(labels)).toEqual({ labels: { app: 'demo' }, annotations: { 'example.com/note': 'hello' } });
    expect(podRefFromLabels(labels)).toEqual(pod);
  });

  it('labels app containers with their sandbox and log path; internal labels win over user ones', () => {
    const sbc = sandboxConfig(pod, '/logs');
    const cc = containerConfig(sbc, 'app', { labels: { 'io.kubernetes.pod.uid': 'spoofed', tier: 'x' } });
    const labels = containerLabels(cc, pod, 'sb1', 'node-a');
    expect(labels).toMatchObject({
      'io.kubernetes.pod.uid': 'u1',
      'io.kubernetes.container.name': 'app',
      'io.kubernetes.docker.type': 'container',
      'io.kubernetes.sandbox.id': 'sb1',
      'io.kubernetes.container.logpath': cc.logPath,
      'annotation.io.kubernetes.container.hash': 'abc123',
      tier: 'x',
    });
    expect(splitLabels(labels).labels).toEqual({ tier: 'x' });
    expect(podRefFromLabels({ 'io.kubernetes.pod.uid': 'u' })).toBeUndefined();
  });
});
