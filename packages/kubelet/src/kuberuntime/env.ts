// A container's environment as the kubelet builds it: service links, envFrom, then env in order
// (later wins), with valueFrom resolved from the pod (fieldRef), its resources, ConfigMaps and
// Secrets, and $(VAR) references to earlier variables expanded. A missing ConfigMap, Secret or
// key that is not optional leaves the container in CreateContainerConfigError.
import { Quantity, type ConfigMap, type Container, type EnvVar, type Pod, type Secret } from '@kubelite/api';
import { ContainerStartError, KubeletProblems } from '../errors.js';
import { expand } from './expansion.js';

export interface ObjectSource {
  configMap(namespace: string, name: string): Promise<ConfigMap | undefined>;
  secret(namespace: string, name: string): Promise<Secret | undefined>;
}

export interface EnvContext {
  pod: Pod;
  podIP?: string;
  hostIP: string;
  /** `<SVC>_SERVICE_HOST`-style variables for the pod's namespace (enableServiceLinks). */
  serviceEnv: Record<string, string>;
  objects: ObjectSource;
}

const configError = (message: string): ContainerStartError => new ContainerStartError('CreateContainerConfigError', message);
const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');

export async function containerEnv(container: Container, ctx: EnvContext): Promise<{ name: string; value: string }[]> {
  const vars = new Map<string, string>();
  for (const [k, v] of Object.entries(ctx.serviceEnv)) vars.set(k, v);
  for (const from of container.envFrom ?? []) {
    for (const [k, v] of Object.entries(await envFromSource(from, ctx))) vars.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of container.env ?? []) vars.set(e.name, e.valueFrom ? await valueFrom(e, container, ctx) : expand(e.value ?? '', vars));
  return [...vars].map(([name, value]) => ({ name, value }));
}

async function envFromSource(from: NonNullable<Container['envFrom']>[number], ctx: EnvContext): Promise<Record<string, string>> {
  const ns = ctx.pod.metadata.namespace ?? 'default';
  if (from.configMapRef?.name) {
    const cm = await ctx.objects.configMap(ns, from.configMapRef.name);
    if (!cm) {
      if (from.configMapRef.optional) return {};
      throw configError(KubeletProblems.CONFIG_MAP_NOT_FOUND(from.configMapRef.name));
    }
    return { ...cm.data };
  }
  if (from.secretRef?.name) {
    const s = await ctx.objects.secret(ns, from.secretRef.name);
    if (!s) {
      if (from.secretRef.optional) return {};
      throw configError(KubeletProblems.SECRET_NOT_FOUND(from.secretRef.name));
    }
    return Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, decode(v)]));
  }
  return {};
}

async function valueFrom(e: EnvVar, container: Container, ctx: EnvContext): Promise<string> {
  const src = e.valueFrom!;
  const ns = ctx.pod.metadata.namespace ?? 'default';
  if (src.fieldRef) return fieldRefValue(src.fieldRef.fieldPath, ctx);
  if (src.resourceFieldRef) return resourceFieldValue(src.resourceFieldRef, container);
  if (src.configMapKeyRef) {
    const ref = src.configMapKeyRef;
    const cm = await ctx.objects.configMap(ns, ref.name ?? '');
    const value = cm?.data?.[ref.key];
    if (value !== undefined) return value;
    if (ref.optional) return '';
    throw configError(cm ? KubeletProblems.KEY_NOT_FOUND('ConfigMap', ref.key, ref.name ?? '') : KubeletProblems.CONFIG_MAP_NOT_FOUND(ref.name ?? ''));
  }
  if (src.secretKeyRef) {
    const ref = src.secretKeyRef;
    const s = await ctx.objects.secret(ns, ref.name ?? '');
    const value = s?.data?.[ref.key];
    if (value !== undefined) return decode(value);
    if (ref.optional) return '';
    throw configError(s ? KubeletProblems.KEY_NOT_FOUND('Secret', ref.key, ref.name ?? '') : KubeletProblems.SECRET_NOT_FOUND(ref.name ?? ''));
  }
  return '';
}

function fieldRefValue(path: string, ctx: EnvContext): string {
  const meta = ctx.pod.metadata;
  const subscript = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (subscript) return (subscript[1] === 'labels' ? meta.labels : meta.annotations)?.[subscript[2]!] ?? '';
  switch (path) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'spec.nodeName':
      return ctx.pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return ctx.pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return ctx.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return ctx.podIP ?? '';
    default:
      throw configError(KubeletProblems.FIELD_PATH_UNSUPPORTED(path));
  }
}

function resourceFieldValue(ref: { resource: string; divisor?: string | number; containerName?: string }, container: Container): string {
  const [kind, name] = ref.resource.split('.') as [string, string];
  const list = kind === 'limits' ? container.resources?.limits : container.resources?.requests;
  const raw = list?.[name];
  if (raw === undefined) return '0';
  const divisor = Quantity.parse(String(ref.divisor ?? '1'));
  const q = Quantity.parse(String(raw));
  // Upstream rounds up: a 250m cpu request with divisor 1 reads "1".
  return String(Math.ceil(q.milliValue() / Math.max(1, divisor.milliValue())));
}
