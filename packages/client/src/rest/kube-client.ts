// The entry point components hold, like client-go's Clientset/dynamic client: one RestClient
// (one connection pool, one throttle) handing out ResourceClients for any served resource.
//
//   const client = new KubeClient(loadRestConfig({ kubeconfig }), { userAgent: 'kube-scheduler' });
//   const pods = client.resource<Pod>('', 'v1', 'pods').namespace('default');
import {
  findResource,
  parseApiVersion,
  resourcesForKind,
  type KubeObject,
  type ResourceInfo,
} from '@kubelite/api';
import type { RestConfig } from '../kubeconfig.js';
import { RestClient, type RequestOptions, type RestClientOptions, type RawResponse } from './client.js';
import { restError } from './errors.js';
import { ResourceClient } from './resource.js';

export type KubeClientOptions = RestClientOptions;

export class KubeClient {
  readonly rest: RestClient;

  constructor(
    readonly config: RestConfig,
    options: KubeClientOptions = {},
  ) {
    this.rest = new RestClient(config, options);
  }

  /** The context's namespace (kubeconfig), for callers that want kubectl's default. */
  get defaultNamespace(): string {
    return this.config.namespace;
  }

  /** A resource from kubelite's table by group, version and plural name (`'apps','v1','deployments'`). */
  resource<T extends KubeObject = KubeObject>(group: string, version: string, resource: string): ResourceClient<T> {
    const info = findResource(group, version, resource);
    if (!info) throw restError('UNKNOWN_RESOURCE', `${resource}.${version}.${group || 'core'}`);
    return new ResourceClient<T>(this.rest, info);
  }

  /** Any resource described by a ResourceInfo, including ones not in kubelite's table. */
  forResource<T extends KubeObject = KubeObject>(info: ResourceInfo): ResourceClient<T> {
    return new ResourceClient<T>(this.rest, info);
  }

  /** The preferred resource for an object's apiVersion and kind (`'v1','Pod'` → pods). */
  forKind<T extends KubeObject = KubeObject>(apiVersion: string, kind: string): ResourceClient<T> {
    const { group, version } = parseApiVersion(apiVersion);
    const info = resourcesForKind(kind, group).find((r) => r.version === version);
    if (!info) throw restError('UNKNOWN_KIND', apiVersion, kind);
    return new ResourceClient<T>(this.rest, info);
  }

  /** A raw JSON call for anything without a ResourceClient shape (`/version`, discovery). */
  request<R>(opts: RequestOptions): Promise<R> {
    return this.rest.request<R>(opts);
  }

  /** The answer undecoded, whatever its code: `/healthz`, `pods/log`. */
  requestRaw(opts: RequestOptions): Promise<RawResponse> {
    return this.rest.requestRaw(opts);
  }

  /** Releases pooled connections. */
  close(): void {
    this.rest.close();
  }
}
