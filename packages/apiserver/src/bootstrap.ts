// What kube-apiserver creates for itself at start (its bootstrap controller): the system
// namespaces, and the `kubernetes` Service in `default` with Endpoints pointing at the
// apiserver(s) — so in-cluster clients and `kubectl cluster-info` find the API. Idempotent, and
// safe when several apiservers start at once.
import { isApiError } from './errors.js';
import type { RequestContext } from './registry/context.js';
import type { RegistrySet } from './registry/registry-set.js';
import type { KObject } from './registry/strategy.js';
import { newUserInfo, SYSTEM_PRIVILEGED_GROUP, APISERVER_USER } from './auth/index.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

export interface BootstrapOptions {
  /** The address other components reach this apiserver on. */
  advertiseAddress: string;
  securePort: number;
  clusterIP: string;
}

const ctxFor = (namespace: string): RequestContext => ({
  user: newUserInfo(APISERVER_USER, { groups: [SYSTEM_PRIVILEGED_GROUP] }),
  namespace,
  dryRun: false,
  fieldManager: 'kube-apiserver',
  fieldValidation: 'Strict',
  now: new Date(),
});

async function ensure(registries: RegistrySet, resource: string, namespace: string, obj: KObject): Promise<void> {
  const reg = registries.get('', 'v1', resource);
  if (!reg) throw new Error(`bootstrap: ${resource} not served`);
  const ctx = ctxFor(namespace);
  const exists = async (): Promise<boolean> =>
    reg.get(ctx, obj.metadata.name ?? '').then(
      () => true,
      (err: unknown) => {
        if (isApiError(err) && err.code === 404) return false;
        throw err;
      },
    );
  if (await exists()) return;
  try {
    await reg.create(ctx, obj);
  } catch (err) {
    // Another apiserver starting at the same time won: its object (or its ClusterIP) is there.
    if (!(isApiError(err) && (err.reason === 'AlreadyExists' || err.reason === 'Invalid') && (await exists()))) throw err;
  }
}

export async function bootstrap(registries: RegistrySet, opts: BootstrapOptions): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    await ensure(registries, 'namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  await ensure(registries, 'services', 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels },
    spec: {
      type: 'ClusterIP',
      clusterIP: opts.clusterIP,
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: opts.securePort }],
      sessionAffinity: 'None',
    },
  });
  await reconcileEndpoints(registries, opts);
}

/** The `kubernetes` Endpoints list this apiserver (several apiservers each add themselves). */
async function reconcileEndpoints(registries: RegistrySet, opts: BootstrapOptions): Promise<void> {
  const reg = registries.get('', 'v1', 'endpoints');
  if (!reg) return;
  const subset = { addresses: [{ ip: opts.advertiseAddress }], ports: [{ name: 'https', port: opts.securePort, protocol: 'TCP' }] };
  const ctx = ctxFor('default');
  try {
    await reg.update(ctx, 'kubernetes', (cur) => {
      const subsets = (cur.subsets ?? []) as Array<{ addresses?: Array<{ ip: string }>; ports?: Array<{ port: number }> }>;
      const present = subsets.some((s) => s.addresses?.some((a) => a.ip === opts.advertiseAddress) && s.ports?.some((p) => p.port === opts.securePort));
      return present ? cur : { ...cur, subsets: [...subsets, subset] };
    });
  } catch (err) {
    if (!(isApiError(err) && err.code === 404)) throw err;
    await ensure(registries, 'endpoints', 'default', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [subset],
    });
  }
}
