// The forwarding state of one service port, shared by its nodePort sockets (one per listen
// address): the usable endpoints and the balancer that rotates over them. It outlives syncs so
// the rotation and the ClientIP affinity survive Service and EndpointSlice updates.
import type { ProxyEndpoint } from './endpoints-tracker.js';
import { RoundRobinBalancer, type BalancerEndpoint } from './load-balancer.js';
import type { NodePortTarget } from './nodeport-listener.js';
import type { NodePortServicePort } from './service-tracker.js';

export class ServicePortProxy implements NodePortTarget {
  private readonly balancer: RoundRobinBalancer;
  private current: NodePortServicePort;

  constructor(info: NodePortServicePort, now: () => number = Date.now) {
    this.current = info;
    this.balancer = new RoundRobinBalancer(now);
  }

  get id(): string {
    return this.current.id;
  }

  get info(): NodePortServicePort {
    return this.current;
  }

  get endpointCount(): number {
    return this.balancer.size;
  }

  update(info: NodePortServicePort, endpoints: readonly ProxyEndpoint[]): void {
    this.current = info;
    this.balancer.setAffinityTimeout(info.affinityTimeoutMs);
    this.balancer.setEndpoints(endpoints.map((e) => ({ host: e.host, port: e.port })));
  }

  pick(clientIp: string): BalancerEndpoint | undefined {
    return this.balancer.pick(clientIp);
  }

  dialFailed(clientIp: string): void {
    this.balancer.resetAffinity(clientIp);
  }
}
