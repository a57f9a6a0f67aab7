// The committed static pod templates, rendered as `cluster up` renders them: each must be a Pod
// our API accepts (defaults + validation, as the mirror pod is created), carry the settings'
// ports and paths, and keep working with paths YAML would otherwise misread.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setDefaultsPod, validateObjectMeta, validatePod, type Pod } from '@kubelite/api';
import {
  DEFAULT_PORTS,
  clusterLayout,
  isClusterError,
  readStaticPod,
  renderManifests,
  renderTemplate,
  resolveSettings,
  staticPodNames,
  templatesDir,
  type ClusterSettings,
} from '@kubelite/cli';
import { tempDir } from './harness.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup(sub = 'data'): { layout: ReturnType<typeof clusterLayout>; settings: ClusterSettings } {
  const root = tempDir('klctl-render-');
  dirs.push(root);
  const layout = clusterLayout(join(root, sub));
  const settings = resolveSettings({ nodeName: 'node-a', portOffset: 1000, containerRuntimeEndpoint: 'unix:///var/run/docker.sock' });
  return { layout, settings };
}

const load = (path: string): Pod => readStaticPod(path);
const flagsOf = (pod: Pod): string[] => pod.spec.containers[0]!.command ?? [];

describe('static pod manifests', () => {
  it('renders every template into a Pod the API accepts', () => {
    const { layout, settings } = setup();
    const rendered = renderManifests(layout, settings, templatesDir());
    expect(rendered.map((r) => r.podName).sort()).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler']);
    for (const r of rendered) {
      const text = readFileSync(r.path, 'utf8');
      expect(text, r.path).not.toContain('${');
      const pod = load(r.path);
      expect(pod.apiVersion).toBe('v1');
      expect(pod.kind).toBe('Pod');
      expect(pod.metadata.namespace).toBe('kube-system');
      expect(pod.metadata.labels?.component).toBe(r.podName);
      expect(pod.spec.runtimeClassName).toBe('process');
      expect(pod.spec.hostNetwork).toBe(true);
      expect(pod.spec.priorityClassName).toBe('system-node-critical');
      expect(pod.spec.containers[0]!.livenessProbe, `${r.podName} liveness`).toBeDefined();
      // the mirror pod goes through the API's defaulting and validation under <name>-<node>
      setDefaultsPod(pod);
      expect(validatePod(pod), r.podName).toEqual([]);
      const mirrorMeta = { ...pod.metadata, name: `${pod.metadata.name}-${settings.nodeName}` };
      expect(validateObjectMeta(mirrorMeta, { requiresNamespace: true }), r.podName).toEqual([]);
    }
    const control = rendered.filter((r) => load(r.path).metadata.labels?.tier === 'control-plane').map((r) => r.podName);
    expect(control.sort()).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']);
  });

  it('carries the settings: ports, paths, node name, etcdctl environment', () => {
    const { layout, settings } = setup();
    renderManifests(layout, settings, templatesDir());
    const p = settings.ports;
    expect(p.apiserver).toBe(DEFAULT_PORTS.apiserver + 1000);
    const etcd = load(join(layout.manifestsDir, 'etcd.yaml'));
    expect(flagsOf(etcd)).toEqual(
      expect.arrayContaining([
        'etcd-lite',
        `--data-dir=${layout.etcdDataDir}`,
        `--listen-client-urls=http://127.0.0.1:${p.etcd}`,
        `--listen-metrics-urls=http://127.0.0.1:${p.etcdMetrics}`,
      ]),
    );
    expect(etcd.spec.containers[0]!.env).toEqual([
      { name: 'ETCDCTL_API', value: '3' },
      { name: 'ETCDCTL_ENDPOINTS', value: `http://127.0.0.1:${p.etcd}` },
    ]);
    // a whole-scalar numeric placeholder becomes a number, as the Probe type wants
    expect(etcd.spec.containers[0]!.livenessProbe?.httpGet?.port).toBe(p.etcdMetrics);
    const api = load(join(layout.manifestsDir, 'kube-apiserver.yaml'));
    expect(flagsOf(api)).toEqual(
      expect.arrayContaining([
        'kube-apiserver',
        `--secure-port=${p.apiserver}`,
        `--etcd-servers=http://127.0.0.1:${p.etcd}`,
        `--tls-cert-file=${layout.pkiDir}/apiserver.crt`,
        `--client-ca-file=${layout.pkiDir}/ca.crt`,
        `--kubelet-client-certificate=${layout.pkiDir}/apiserver-kubelet-client.crt`,
      ]),
    );
    expect(api.spec.containers[0]!.livenessProbe?.tcpSocket?.port).toBe(p.apiserver);
    const sched = load(join(layout.manifestsDir, 'kube-scheduler.yaml'));
    expect(sched.spec.containers[0]!.livenessProbe?.httpGet).toMatchObject({ scheme: 'HTTPS', host: '127.0.0.1', port: p.scheduler });
    expect(flagsOf(sched)).toContain(`--kubeconfig=${layout.kubeconfig('scheduler')}`);
    const proxy = load(join(layout.manifestsDir, 'kube-proxy.yaml'));
    expect(flagsOf(proxy)).toEqual(expect.arrayContaining(['--hostname-override=node-a', `--healthz-bind-address=127.0.0.1:${p.proxyHealthz}`]));
  });

  it('keeps a data dir with YAML-special characters intact', () => {
    const { layout, settings } = setup('odd: #dir [x]');
    renderManifests(layout, settings, templatesDir());
    const etcd = load(join(layout.manifestsDir, 'etcd.yaml'));
    expect(flagsOf(etcd)).toContain(`--data-dir=${layout.etcdDataDir}`);
    expect(etcd.spec.volumes?.[0]?.hostPath?.path).toBe(layout.etcdDataDir);
    expect(layout.etcdDataDir).toContain('odd: #dir [x]');
  });

  it('rewrites a manifest only when its content changes (a rewrite restarts the pod)', () => {
    const { layout, settings } = setup();
    const first = renderManifests(layout, settings, templatesDir());
    expect(first.every((r) => r.changed)).toBe(true);
    const mtimes = first.map((r) => statSync(r.path).mtimeMs);
    const again = renderManifests(layout, settings, templatesDir());
    expect(again.every((r) => !r.changed)).toBe(true);
    expect(again.map((r) => statSync(r.path).mtimeMs)).toEqual(mtimes);
    const moved = renderManifests(layout, { ...settings, ports: { ...settings.ports, apiserver: 7444 } }, templatesDir());
    expect(moved.filter((r) => r.changed).map((r) => r.podName)).toEqual(['kube-apiserver']);
    expect(staticPodNames(layout.manifestsDir)).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler']);
  });

  it('names an unknown placeholder and the template it is in', () => {
    let err: unknown;
    try {
      renderTemplate('/t/x.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x-${NOPE}\n', { NODE_NAME: 'n' });
    } catch (e) {
      err = e;
    }
    expect(isClusterError(err) && err.problem).toBe('TEMPLATE_UNKNOWN_PLACEHOLDER');
    expect((err as Error).message).toBe('manifest template /t/x.yaml: unknown placeholder ${NOPE}');
  });
});
