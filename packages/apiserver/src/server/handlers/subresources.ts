// Subresources: `status` (only .status changes), `scale` (autoscaling/v1 Scale over
// spec.replicas), `pods/binding` (the scheduler's placement), `pods/eviction` (drain's
// disruption-budget-aware delete), and the pod's kubelet behind log, exec, attach, portforward.
import type { FastifyReply } from 'fastify';
import { labelSelectorAsSelector, type LabelSelector } from '@kubelite/api';
import { badRequest, conflict, methodNotAllowed, tooManyRequests, unsupportedMediaType } from '../../errors.js';
import { deleteObject, parseDeleteOptions } from '../../registry/deletion.js';
import type { KObject } from '../../registry/strategy.js';
import { rfc3339 } from '../../registry/context.js';
import { applyScale, scaleOf } from '../../registry/strategies/groups/scale.js';
import { applyPatch, parsePatch, patchTypeOf } from '../../patch/index.js';
import { bodyText, decodeObjectBody, mediaType } from '../body.js';
import { sendValue, successStatus } from '../respond.js';
import { getOne, patch, update, type Call } from './crud.js';
import type { Registry } from '../../registry/generic.js';
import { defaultKubeletClientConfig, kubeletSubresources, type KubeletClientConfig } from './kubelet-proxy/index.js';

export type SubresourceHandler = (c: Call, verb: string) => Promise<FastifyReply>;

async function status(c: Call, verb: string): Promise<FastifyReply> {
  if (verb === 'get') return getOne(c);
  if (verb === 'update') return update(c, 'status');
  if (verb === 'patch') return patch(c, 'status');
  throw methodNotAllowed(`the server does not allow this method on the requested resource`);
}

const SCALE_GVK = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

async function scale(c: Call, verb: string): Promise<FastifyReply> {
  const kind = c.reg.resource.kind;
  if (verb === 'get') {
    const obj = await c.reg.get(c.ctx, c.name);
    return sendValue(c.reply, 200, scaleOf(obj, kind), c.format);
  }
  let desired: (current: KObject) => Record<string, unknown>;
  if (verb === 'update') {
    const body = decodeObjectBody(c.req.headers['content-type'], c.req.body);
    desired = () => body as Record<string, unknown>;
  } else if (verb === 'patch') {
    const type = patchTypeOf(c.req.headers['content-type']);
    if (!type || type === 'apply') throw unsupportedMediaType(mediaType(c.req.headers['content-type']));
    const p = parsePatch(type, bodyText(c.req.body));
    desired = (current) => applyPatch(type, scaleOf(current, kind), p, SCALE_GVK);
  } else {
    throw methodNotAllowed('the server does not allow this method on the requested resource');
  }
  const obj = await c.reg.update(c.ctx, c.name, (current) => {
    const s = desired(current);
    // The Scale's resourceVersion is the parent's: a stale one is a conflict, like any update.
    const meta = (s.metadata ?? {}) as { resourceVersion?: string; name?: string };
    if (meta.name !== undefined && meta.name !== c.name) {
      throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${c.name})`);
    }
    applyScale(current, s);
    if (meta.resourceVersion) current.metadata.resourceVersion = meta.resourceVersion;
    return current;
  });
  return sendValue(c.reply, 200, scaleOf(obj, kind), c.format);
}

interface Binding {
  metadata?: { name?: string; uid?: string; annotations?: Record<string, string> };
  target?: { kind?: string; name?: string };
}

async function binding(c: Call, verb: string): Promise<FastifyReply> {
  if (verb !== 'create') throw methodNotAllowed('the server does not allow this method on the requested resource');
  const b = decodeObjectBody(c.req.headers['content-type'], c.req.body) as Binding;
  const node = b?.target?.name;
  if (!node) throw badRequest('Binding.target.name: Required value: a node name is required');
  if (b.metadata?.name && b.metadata.name !== c.name) {
    throw badRequest(`the name of the object (${b.metadata.name}) does not match the name on the URL (${c.name})`);
  }
  // As Kubernetes' assignPod: the Binding is admitted as pods/binding, then nodeName, the
  // annotations and PodScheduled are written straight to the stored pod (no pod update path).
  const admitted = { subresource: 'binding', object: { kind: 'Binding', apiVersion: 'v1', ...b, metadata: { ...b.metadata, name: c.name } } as KObject };
  await c.reg.mutateStored(c.ctx, c.name, admitted, (pod) => {
    // A binding names the pod it was decided for: a pod recreated under the same name is not it.
    const uid = b.metadata?.uid;
    if (uid && uid !== pod.metadata.uid) {
      throw conflict(c.reg.gr, c.name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata.uid ?? ''}`);
    }
    bindPod(c, pod, node, b.metadata?.annotations);
  });
  return sendValue(c.reply, 201, successStatus(undefined));
}

function bindPod(c: Call, pod: KObject, node: string, annotations: Record<string, string> | undefined): void {
  const spec = (pod.spec ?? {}) as { nodeName?: string };
  if (pod.metadata.deletionTimestamp) throw conflict(c.reg.gr, c.name, `pod ${c.name} is being deleted, cannot be assigned to a host`);
  if (spec.nodeName) throw conflict(c.reg.gr, c.name, `pod ${c.name} is already assigned to node "${spec.nodeName}"`);
  spec.nodeName = node;
  pod.spec = spec;
  if (annotations) pod.metadata.annotations = { ...pod.metadata.annotations, ...annotations };
  const st = (pod.status ?? {}) as { conditions?: Array<Record<string, unknown>> };
  const conditions = (st.conditions ?? []).filter((x) => x.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(c.ctx.now) });
  pod.status = { ...st, conditions };
}

interface Eviction {
  metadata?: { name?: string };
  deleteOptions?: unknown;
}

/** A PodDisruptionBudget over the pod that allows no more disruptions refuses the eviction (429). */
async function checkDisruptionBudgets(c: Call, pdbs: Registry | undefined, pod: KObject): Promise<void> {
  if (!pdbs) return;
  const list = await pdbs.list(c.ctx, {});
  for (const pdb of list.items) {
    const spec = (pdb.spec ?? {}) as { selector?: LabelSelector };
    const st = (pdb.status ?? {}) as { disruptionsAllowed?: number };
    if (!spec.selector || !labelSelectorAsSelector(spec.selector).matches(pod.metadata.labels ?? {})) continue;
    if ((st.disruptionsAllowed ?? 0) < 1) {
      throw tooManyRequests(`Cannot evict pod as it would violate the pod's disruption budget.`, 10);
    }
  }
}

function eviction(pdbs: () => Registry | undefined): SubresourceHandler {
  return async (c, verb) => {
    if (verb !== 'create') throw methodNotAllowed('the server does not allow this method on the requested resource');
    const ev = decodeObjectBody(c.req.headers['content-type'], c.req.body) as Eviction;
    if (ev?.metadata?.name && ev.metadata.name !== c.name) {
      throw badRequest(`name in URL does not match name in Eviction object`);
    }
    const pod = await c.reg.get(c.ctx, c.name);
    const phase = ((pod.status ?? {}) as { phase?: string }).phase;
    if (phase !== 'Succeeded' && phase !== 'Failed' && phase !== 'Pending') await checkDisruptionBudgets(c, pdbs(), pod);
    await deleteObject(c.reg, c.ctx, c.name, parseDeleteOptions(ev?.deleteOptions));
    return sendValue(c.reply, 201, successStatus(undefined));
  };
}

export interface SubresourceDeps {
  pdbs: () => Registry | undefined;
  nodes: () => Registry | undefined;
  kubeletClient?: KubeletClientConfig | undefined;
}

export function subresourceHandlers(deps: SubresourceDeps): Record<string, SubresourceHandler> {
  return {
    status,
    scale,
    binding,
    eviction: eviction(deps.pdbs),
    ...kubeletSubresources(deps.kubeletClient ?? defaultKubeletClientConfig(), deps.nodes),
  };
}
