import { describe, expect, it } from 'vitest';
import { staticPodFromManifest } from './static-pod.js';

const manifest = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'etcd', namespace: 'kube-system' }, spec: { containers: [{ name: 'etcd', image: 'etcd:1', command: ['etcd-lite'] }] } };

describe('static pods', () => {
  it('get a deterministic uid, the node suffix, the config annotations and a NoExecute toleration', () => {
    const a = staticPodFromManifest(manifest, '/m/etcd.yaml', 'node-a', new Date(0));
    const b = staticPodFromManifest(manifest, '/m/etcd.yaml', 'node-a', new Date(5));
    expect(a.metadata.uid).toBe(b.metadata.uid);
    expect(a.metadata.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(a.metadata.name).toBe('etcd-node-a');
    expect(a.spec?.nodeName).toBe('node-a');
    expect(a.metadata.annotations).toMatchObject({ 'kubernetes.io/config.hash': a.metadata.uid, 'kubernetes.io/config.source': 'file' });
    expect(a.spec?.tolerations).toContainEqual({ operator: 'Exists', effect: 'NoExecute' });
  });

  it('changes uid when the file content changes', () => {
    const edited = { ...manifest, spec: { containers: [{ name: 'etcd', image: 'etcd:2', command: ['etcd-lite'] }] } };
    expect(staticPodFromManifest(edited, '/m/etcd.yaml', 'n', new Date()).metadata.uid).not.toBe(staticPodFromManifest(manifest, '/m/etcd.yaml', 'n', new Date()).metadata.uid);
  });

  it('rejects what is not a valid Pod, naming the file', () => {
    expect(() => staticPodFromManifest({ kind: 'Service', metadata: { name: 'x' } }, '/m/x.yaml', 'n', new Date())).toThrow('static pod manifest /m/x.yaml: kind Service is not Pod');
    expect(() => staticPodFromManifest({ metadata: { name: 'x' }, spec: { containers: [] } }, '/m/x.yaml', 'n', new Date())).toThrow(/static pod manifest \/m\/x.yaml: spec.containers: Required value/);
  });
});
