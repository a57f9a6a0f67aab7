import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, parseImageName } from './image.js';
import { setDefaultsPod, setDefaultsPodTemplateSpec } from './pod-defaults.js';
import type { Pod, PodTemplateSpec } from './pod-types.js';
import { computePodQOS } from './pod-qos.js';

const pod = (spec: Partial<Pod['spec']> = {}): Pod => ({
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
});

describe('image pull policy default', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry.k8s.io/pause:3.10', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['nginx@sha256:' + 'a'.repeat(64), 'IfNotPresent'],
    ['Bad/Image', 'IfNotPresent'],
  ])('%s → %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  it('splits registry ports from tags', () => {
    expect(parseImageName('localhost:5000/app:v2')).toEqual({ name: 'localhost:5000/app', tag: 'v2', digest: '' });
  });
});

describe('setDefaultsPod', () => {
  it('fills the fields kubectl get -o yaml shows', () => {
    const p = pod({
      containers: [{
        name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }],
        livenessProbe: { httpGet: { port: 80 } },
        env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
      }],
    });
    setDefaultsPod(p);
    expect(p.spec).toMatchObject({
      restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler',
      terminationGracePeriodSeconds: 30, securityContext: {}, enableServiceLinks: true,
    });
    expect(p.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      livenessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      env: [{ name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
    });
  });

  it('defaults requests to limits and canonicalises quantities', () => {
    const p = pod({ containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '0.5', memory: '1024Mi' }, requests: { cpu: 0.25 } } }] });
    setDefaultsPod(p);
    expect(p.spec.containers[0]?.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '250m', memory: '1Gi' } });
  });

  it('gives host-network pods host ports and empty volumes an emptyDir', () => {
    const p = pod({ hostNetwork: true, volumes: [{ name: 'v' }, { name: 's', secret: { secretName: 's' } }], containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 8080 }] }] });
    setDefaultsPod(p);
    expect(p.spec.containers[0]?.ports?.[0]?.hostPort).toBe(8080);
    expect(p.spec.volumes).toEqual([{ name: 'v', emptyDir: {} }, { name: 's', secret: { secretName: 's', defaultMode: 420 } }]);
  });

  it('leaves Pod-only defaults out of templates', () => {
    const t: PodTemplateSpec = { spec: { containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } }] } };
    setDefaultsPodTemplateSpec(t);
    expect(t.spec.enableServiceLinks).toBeUndefined();
    expect(t.spec.containers[0]?.resources?.requests).toBeUndefined();
    expect(t.spec.restartPolicy).toBe('Always');
  });

  it('is idempotent', () => {
    const p = pod();
    setDefaultsPod(p);
    const once = JSON.stringify(p);
    setDefaultsPod(p);
    expect(JSON.stringify(p)).toBe(once);
  });
});

describe('computePodQOS', () => {
  it('classifies pods as Kubernetes does', () => {
    expect(computePodQOS({ containers: [{ name: 'a' }] })).toBe('BestEffort');
    expect(computePodQOS({ containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }] })).toBe('Burstable');
    const guaranteed = { cpu: '1', memory: '1Gi' };
    expect(computePodQOS({ containers: [{ name: 'a', resources: { limits: guaranteed, requests: guaranteed } }] })).toBe('Guaranteed');
    expect(computePodQOS({ containers: [{ name: 'a', resources: { limits: guaranteed, requests: { cpu: '1', memory: '1G' } } }] })).toBe('Burstable');
  });
});
