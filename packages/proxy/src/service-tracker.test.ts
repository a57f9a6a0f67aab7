import type { Service } from '@kubelite/api';
import { describe, expect, it } from 'vitest';
import { nodePortsOf } from './service-tracker.js';

const svc = (spec: NonNullable<Service['spec']>, name = 'web'): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop', uid: 'u1', resourceVersion: '7' },
  spec: { clusterIP: '10.96.0.10', ...spec },
});

describe('nodePortsOf', () => {
  it('gives every port with a nodePort of a NodePort or LoadBalancer Service', () => {
    const ports = nodePortsOf(
      svc({
        type: 'NodePort',
        ports: [
          { name: 'http', port: 80, targetPort: 'web', nodePort: 30080, protocol: 'TCP' },
          { name: 'dns', port: 53, nodePort: 30053, protocol: 'UDP' },
          { name: 'none', port: 81 },
        ],
      }),
    );
    expect(ports.map((p) => [p.id, p.portName, p.protocol, p.nodePort, p.affinityTimeoutMs, p.localOnly])).toEqual([
      ['shop/web:http', 'http', 'TCP', 30080, 0, false],
      ['shop/web:dns', 'dns', 'UDP', 30053, 0, false],
    ]);
    const lb = nodePortsOf(svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 443, nodePort: 30443 }] }));
    expect(lb.map((p) => [p.id, p.portName, p.protocol, p.localOnly])).toEqual([['shop/web', '', 'TCP', true]]);
  });

  it('ignores ClusterIP, ExternalName and headless Services', () => {
    expect(nodePortsOf(svc({ type: 'ClusterIP', ports: [{ port: 80, nodePort: 30080 }] }))).toEqual([]);
    expect(nodePortsOf(svc({ type: 'ExternalName', externalName: 'example.com', clusterIP: '' }))).toEqual([]);
    expect(nodePortsOf(svc({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80, nodePort: 30080 }] }))).toEqual([]);
  });

  it('turns sessionAffinity ClientIP into a timeout, 10800 s unless configured', () => {
    const port = { port: 80, nodePort: 30080 };
    expect(nodePortsOf(svc({ type: 'NodePort', sessionAffinity: 'ClientIP', ports: [port] }))[0]?.affinityTimeoutMs).toBe(10_800_000);
    expect(
      nodePortsOf(svc({ type: 'NodePort', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } }, ports: [port] }))[0]
        ?.affinityTimeoutMs,
    ).toBe(5000);
    expect(nodePortsOf(svc({ type: 'NodePort', sessionAffinity: 'None', ports: [port] }))[0]?.affinityTimeoutMs).toBe(0);
  });
});
