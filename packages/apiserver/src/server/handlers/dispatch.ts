// Routes one resource request to its handler: finds the resource, checks scope and verb the way
// kube-apiserver's installed routes would (unknown → 404, verb not offered → 405), then calls
// the verb's handler.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findSubresource } from '@kubelite/api';
import type { UserInfo } from '../../auth/index.js';
import { methodNotAllowed, pathNotFound } from '../../errors.js';
import type { RegistrySet } from '../../registry/registry-set.js';
import { negotiateOutput } from '../negotiation.js';
import type { RequestInfo } from '../request-info.js';
import { create, getOne, list, patch, remove, removeCollection, update, type Call } from './crud.js';
import { requestContext, type Query } from './request.js';
import type { KubeletClientConfig } from './kubelet-proxy/index.js';
import { subresourceHandlers, type SubresourceHandler } from './subresources.js';
import { watch, type WatchObserver } from './watch.js';

export interface DispatchEnv {
  registries: RegistrySet;
  watchObserver: WatchObserver;
  /** How pods/log, exec, attach and portforward reach kubelets; defaults when absent. */
  kubeletClient?: KubeletClientConfig | undefined;
}

const handlersByEnv = new WeakMap<DispatchEnv, Record<string, SubresourceHandler>>();

function subresourcesOf(env: DispatchEnv): Record<string, SubresourceHandler> {
  let h = handlersByEnv.get(env);
  if (!h) {
    h = subresourceHandlers({
      pdbs: () => env.registries.get('policy', 'v1', 'poddisruptionbudgets'),
      nodes: () => env.registries.get('', 'v1', 'nodes'),
      kubeletClient: env.kubeletClient,
    });
    handlersByEnv.set(env, h);
  }
  return h;
}

const COLLECTION_VERBS = new Set(['list', 'watch', 'create', 'deletecollection']);

export async function dispatch(req: FastifyRequest, reply: FastifyReply, info: RequestInfo, user: UserInfo, env: DispatchEnv): Promise<unknown> {
  const reg = env.registries.get(info.apiGroup, info.apiVersion, info.resource);
  if (!reg) throw pathNotFound();
  const r = reg.resource;
  const isNamespaceObject = r.group === '' && r.resource === 'namespaces';
  const namespace = r.namespaced ? info.namespace : '';
  // A namespaced path for a cluster-scoped kind (or a single namespaced object without its
  // namespace) is not a route kube-apiserver installs.
  if (!r.namespaced && info.namespace !== '' && !isNamespaceObject) throw pathNotFound();
  if (r.namespaced && namespace === '' && !(info.name === '' && (info.verb === 'list' || info.verb === 'watch'))) throw pathNotFound();
  if (info.name === '' && !COLLECTION_VERBS.has(info.verb)) throw methodNotAllowed('the server does not allow this method on the requested resource');
  if (info.name !== '' && (info.verb === 'create' || info.verb === 'deletecollection') && info.subresource === '') {
    throw methodNotAllowed('the server does not allow this method on the requested resource');
  }
  const query = req.query as Query;
  const subresource = info.subresource;
  const format = negotiateOutput(req.headers.accept, subresource === '' || subresource === 'status');
  const call: Call = { req, reply, reg, ctx: requestContext(req, user, namespace), query, format, name: info.name };
  if (subresource !== '') {
    const sub = findSubresource(r, subresource);
    const handler = sub ? subresourcesOf(env)[sub.name] : undefined;
    if (!sub || !handler || info.name === '') throw pathNotFound();
    return handler(call, info.verb);
  }
  if (!r.verbs.includes(info.verb as never)) throw methodNotAllowed('the server does not allow this method on the requested resource');
  switch (info.verb) {
    case 'get':
      return getOne(call);
    case 'list':
      return list(call);
    case 'watch':
      return watch(call, env.watchObserver);
    case 'create':
      return create(call);
    case 'update':
      return update(call);
    case 'patch':
      return patch(call);
    case 'delete':
      return remove(call);
    case 'deletecollection':
      return removeCollection(call);
    default:
      throw methodNotAllowed('the server does not allow this method on the requested resource');
  }
}
